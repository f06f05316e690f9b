// Which "model" a run talks to. Always the real Anthropic SDK (lib/agent/anthropic-client.ts):
// with --policy real, Anthropic's API; with reference or replay, the fake Anthropic server
// started here in-process, whose scenarios play the reference solutions or recorded traces.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createAnthropicClient } from "@/lib/agent/anthropic-client";
import type { ModelClient } from "@/lib/agent/model-client";
import type { EvalTask } from "@/lib/eval/task";
import type { TaskTrace } from "@/lib/eval/trace";
import {
  REFERENCE_SCENARIO,
  REPLAY_SCENARIO,
  referenceScenario,
  replayScenario,
} from "@/e2e/fake-anthropic/eval-policies";
import { startFakeAnthropic, type FakeAnthropic } from "@/e2e/fake-anthropic/server";

export type PolicyName = "real" | "reference" | "replay";

export interface Policy {
  name: PolicyName;
  model: ModelClient;
  /** Replay: the recorded trace of each task id, to compare cell outputs with. */
  recorded: Map<string, TaskTrace>;
  close(): Promise<void>;
}

export async function loadTraces(dir: string): Promise<Map<string, TaskTrace>> {
  // A results directory (with traces/) or a directory of trace files.
  const tracesDir = (await readdir(dir).catch(() => [] as string[])).includes("traces") ? join(dir, "traces") : dir;
  const names = (await readdir(tracesDir)).filter((n) => n.endsWith(".json"));
  const out = new Map<string, TaskTrace>();
  for (const n of names) {
    const t = JSON.parse(await readFile(join(tracesDir, n), "utf8")) as TaskTrace;
    if (t.version === 1 && t.id && Array.isArray(t.steps)) out.set(t.id, t);
  }
  if (out.size === 0) throw new Error(`no traces found in ${tracesDir}`);
  return out;
}

export async function openPolicy(
  name: PolicyName,
  tasks: readonly EvalTask[],
  replayDir: string | null,
): Promise<Policy> {
  if (name === "real") {
    if (!process.env.ANTHROPIC_API_KEY?.trim())
      throw new Error(
        "ANTHROPIC_API_KEY is not set: set it for --policy real, or use --policy reference / --policy replay <dir>.",
      );
    return { name, model: createAnthropicClient(), recorded: new Map(), close: async () => {} };
  }
  let fake: FakeAnthropic;
  let recorded = new Map<string, TaskTrace>();
  if (name === "reference") {
    fake = await startFakeAnthropic({
      scenarios: { [REFERENCE_SCENARIO]: referenceScenario(tasks) },
      defaultScenario: REFERENCE_SCENARIO,
    });
  } else {
    if (!replayDir) throw new Error("--policy replay needs a directory of traces: --policy replay <dir>");
    recorded = await loadTraces(replayDir);
    const traces = tasks.flatMap((t) => {
      const r = recorded.get(t.id);
      return r ? [{ prompt: t.prompt, steps: r.steps.map((s) => s.call) }] : [];
    });
    fake = await startFakeAnthropic({
      scenarios: { [REPLAY_SCENARIO]: replayScenario(traces) },
      defaultScenario: REPLAY_SCENARIO,
    });
  }
  // The SDK end to end, pointed at the fake; no retries so a scripted failure is seen at once.
  const model = createAnthropicClient({ baseURL: fake.url, apiKey: "pylot-eval-fake-key", maxRetries: 0 });
  return { name, model, recorded, close: () => fake.close() };
}
