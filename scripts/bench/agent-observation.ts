// Part 1b: the overhead of a step after a cell ran (POST /api/runs/:id/observations), the path of
// every step but a run's first. Each rep starts a `long-cell` run (a tool call, then a final
// answer), reads it to its tool_call, then times posting the cell's result until run_end, vs the
// SDK sending the very request Pylot sent upstream for that step straight to the fake.
import Anthropic from "@anthropic-ai/sdk";
import { createNotebooks, ownerCookie, postNdjson } from "./agent-client";
import { row, summarize } from "./stats";

async function directTotal(client: Anthropic, body: Anthropic.MessageCreateParamsNonStreaming): Promise<number> {
  const t0 = performance.now();
  const stream = client.messages.stream(body);
  for await (const _ of stream);
  await stream.finalMessage();
  return performance.now() - t0;
}

export async function benchObservation(
  base: string,
  secret: string,
  fakeUrl: string,
  reps: number,
  warmup = 10,
): Promise<string[]> {
  const cookie = ownerCookie(secret);
  const notebooks = await createNotebooks(base, [cookie], reps + warmup);
  const nonce = `obs-${Date.now()}`;
  const client = new Anthropic({ apiKey: "bench-key", baseURL: fakeUrl, logLevel: "off" });
  const pylot: number[] = [];
  const direct: number[] = [];
  const paired: number[] = [];
  for (let i = 0; i < reps + warmup; i++) {
    const tag = `${nonce} #${String(i).padStart(5, "0")}`;
    const start = await postNdjson(base, `/api/notebooks/${notebooks[i]!.id}/runs`, cookie, {
      prompt: `[scenario:long-cell] ${tag}`,
      mode: "auto",
    });
    const call = start.lines.find((l) => l.type === "tool_call") as
      | { cellId: string; toolUseId: string; code: string }
      | undefined;
    const runId = (start.lines.find((l) => l.type === "run") as { run: { id: string } } | undefined)?.run.id;
    if (!call || !runId) throw new Error(`run ${i}: no tool call (${start.error ?? "?"})`);
    const body = {
      toolUseId: call.toolUseId,
      cellId: call.cellId,
      code: call.code,
      outputs: [{ output_type: "stream", name: "stdout", text: "done\n" }],
      status: "ok",
    };
    const p = await postNdjson(base, `/api/runs/${runId}/observations`, cookie, body);
    if (p.error || p.endStatus !== "completed")
      throw new Error(`observation ${i} failed: ${p.error ?? `ended ${p.endStatus}`}`);
    // The request Pylot sent for this step (the second one carrying the tag), replayed directly.
    const log = (await (await fetch(`${fakeUrl}/__admin/requests?contains=${encodeURIComponent(tag)}`)).json()) as {
      body: Record<string, unknown>;
    }[];
    const { stream: _s, ...recorded } = log.at(-1)!.body;
    const d = await directTotal(client, recorded as unknown as Anthropic.MessageCreateParamsNonStreaming);
    if (i < warmup) continue;
    pylot.push(p.totalMs);
    direct.push(d);
    paired.push(p.totalMs - d);
  }
  const sp = summarize(pylot);
  const sd = summarize(direct);
  return [
    `-- 1b. a step after a cell's result: POST observations → run_end, ${pylot.length} reps (+${warmup} warm-up) --`,
    row("Pylot: observation → run_end", sp),
    row("SDK direct: same request, finalMessage", sd),
    `${"added, total".padEnd(44)} p50 ${(sp.p50 - sd.p50).toFixed(2).padStart(7)}  p95 ${(sp.p95 - sd.p95).toFixed(2).padStart(7)}  p99 ${(sp.p99 - sd.p99).toFixed(2).padStart(7)} ms`,
    row("paired per-rep diff, total", summarize(paired)),
  ];
}
