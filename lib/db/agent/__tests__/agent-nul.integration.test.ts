// Issue 15 item 1 for the agent's one-statement SQL (pylot_start_run, pylot_end_step,
// pylot_add_tool_result): a prompt, a cell's code, an observation and a data file's head carrying
// NUL or lone surrogates are recorded and read back exactly, and the run moves on (no 22P05).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type Block, textOf } from "@/lib/agent/conversation";
import { DEFAULT_LIMITS } from "@/lib/agent/limits";
import type { ModelClient, ModelRequest, RawMessageStreamEvent } from "@/lib/agent/model-client";
import { ZERO_USAGE } from "@/lib/agent/pricing";
import { CURRENT_PROMPT_VERSION } from "@/lib/agent/prompts/registry";
import { createRun, recordResult } from "@/lib/agent/run-service";
import { db } from "../../client";
import { ESC } from "../../text-codec";
import { pgRunStore } from "../pg-run-store";

const ODD = `x\u0000y \uD800 ${ESC}0000 \uDFFFz`;

/** A model whose calls never answer (the test drives the store, not the model). */
class HeldModel implements ModelClient {
  readonly maxRetries = 0;
  async *stream(_request: ModelRequest, signal: AbortSignal): AsyncIterable<RawMessageStreamEvent> {
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    throw new Error("aborted");
  }
}

const limits = { ...DEFAULT_LIMITS, maxSteps: 20, runsPerMinute: 1000 };
const settings = { model: "claude-sonnet-5-5", effort: null, promptVersion: CURRENT_PROMPT_VERSION };

function start(ownerId: string, notebookId: string, prompt: string) {
  return createRun(pgRunStore(ownerId), notebookId, { prompt, mode: "auto" }, new HeldModel(), limits, { settings });
}

describe("agent SQL with NUL and lone surrogates", () => {
  it("records the prompt, the file head in context, the code and the observation exactly", async () => {
    const ownerId = randomUUID();
    const nb = await db.notebook.create({ data: { ownerId, title: ODD }, select: { id: true } });
    const head = Buffer.from("a,b\n\u0000,2\n");
    await db.file.create({
      data: {
        notebookId: nb.id,
        path: "data/nul.csv",
        kind: "data",
        bytes: head,
        size: head.length,
        sha256: "x",
        mime: "text/csv",
      },
    });
    // The context quotes the file's head as text, NUL included.
    const { run, turns, call } = await start(ownerId, nb.id, `p ${ODD}`);
    call?.abort("test");
    const first = textOf(turns.at(-1)!.content);
    expect(first).toContain("\u0000,2");
    expect(first).toContain(`p ${ODD}`);
    const stored = await db.agentRun.findUniqueOrThrow({ where: { id: run.id }, select: { prompt: true } });
    expect(stored.prompt).toBe(`p ${ODD}`);

    const store = pgRunStore(ownerId);
    const use: Block = { type: "tool_use", id: "toolu_n", name: "run_python", input: { code: `print(${ODD})` } };
    const ended = await store.endStep(run.id, {
      usage: ZERO_USAGE,
      costUsd: 0,
      afterMessageId: turns.at(-1)!.id,
      assistant: [{ type: "text", text: ODD }, use],
      status: "running",
      error: null,
    });
    expect(ended.persisted).toBe(true);
    const cell = await store.createAgentCell(run, "toolu_n");
    await store.setAgentCellCode(cell.cellId, `print(${ODD})`);

    const observed = await recordResult(
      store,
      run.id,
      {
        toolUseId: "toolu_n",
        cellId: cell.cellId,
        code: `print(${ODD})`,
        outputs: [{ output_type: "stream", name: "stdout", text: `${ODD}\n` }],
        status: "ok",
      },
      [],
      new HeldModel(),
      limits,
      [],
    );
    observed.call?.abort("test");
    expect(observed.remaining).toBe(0);
    const messages = await store.messages(nb.id);
    expect(messages).toHaveLength(3);
    expect(messages[1]!.content).toEqual([{ type: "text", text: ODD }, use]);
    expect(JSON.stringify(messages[2]!.content)).toContain(JSON.stringify(ODD).slice(1, -1));
    const row = await db.cell.findUniqueOrThrow({ where: { id: cell.cellId }, select: { source: true } });
    expect(row.source).toBe(`print(${ODD})`);
    // A second run reads the conversation (with its NULs) back through the snapshot statement.
    await store.finishRun(run.id, "completed", null);
    const again = await start(ownerId, nb.id, "next");
    again.call?.abort("test");
    expect(again.turns.slice(0, 3).map((m) => m.content)).toEqual(messages.map((m) => m.content));
  });
});
