// Issue 15 item 1 for the agent's one-statement SQL (pylot_start_run, pylot_end_step,
// pylot_add_tool_result): a prompt, a cell's code, an observation and a data file's head carrying
// NUL or lone surrogates are recorded and read back exactly, and the run moves on (no 22P05).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { textResult, type Block } from "@/lib/agent/conversation";
import { ZERO_USAGE } from "@/lib/agent/pricing";
import { CURRENT_PROMPT_VERSION } from "@/lib/agent/prompts/registry";
import { createRun, type CreateRunInput } from "../agent-run-start";
import { ownedStepStore } from "../agent-step-store";
import { addObservation } from "../agent-tool-result";
import { db } from "../client";
import { ESC } from "../text-codec";

const ODD = `x\u0000y \uD800 ${ESC}0000 \uDFFFz`;

function input(userContent: CreateRunInput["userContent"]): CreateRunInput {
  return {
    prompt: `p ${ODD}`,
    mode: "auto",
    choose: () => ({ model: "claude-sonnet-5-5", effort: null, promptVersion: CURRENT_PROMPT_VERSION }),
    maxSteps: 20,
    runsPerMinute: 1000,
    userContent,
  };
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
    const { run, turns } = await createRun(
      ownerId,
      nb.id,
      input((snap): Block[] => [
        { type: "text", text: `p ${ODD}\n${snap.files.map((f) => Buffer.from(f.head).toString()).join("\n")}` },
      ]),
    );
    expect(turns[0]!.content).toEqual([{ type: "text", text: `p ${ODD}\na,b\n\u0000,2\n` }]);
    const stored = await db.agentRun.findUniqueOrThrow({ where: { id: run.id }, select: { prompt: true } });
    expect(stored.prompt).toBe(`p ${ODD}`);

    const store = ownedStepStore(ownerId);
    const use: Block = {
      type: "tool_use",
      id: "toolu_n",
      name: "run_python",
      input: { code: `print(${ODD})`, [ODD]: 1 },
    };
    const ended = await store.endStep(run.id, {
      usage: ZERO_USAGE,
      costUsd: 0,
      afterMessageId: turns[0]!.id,
      assistant: [{ type: "text", text: ODD }, use],
      status: "running",
      error: null,
    });
    expect(ended.persisted).toBe(true);
    const cell = await store.createAgentCell(run, "toolu_n");
    await store.setAgentCellCode(cell.cellId, `print(${ODD})`);

    const observed = await addObservation(ownerId, run.id, "toolu_n", (u) => textResult(u.id, `${ODD}\n`, false));
    expect(observed.remaining).toEqual([]);
    const messages = await store.messages(nb.id);
    expect(observed.turns).toEqual(messages);
    expect(messages.map((m) => m.content)).toEqual([
      [{ type: "text", text: `p ${ODD}\na,b\n\u0000,2\n` }],
      [{ type: "text", text: ODD }, use],
      [textResult("toolu_n", `${ODD}\n`, false)],
    ]);
    const row = await db.cell.findUniqueOrThrow({ where: { id: cell.cellId }, select: { source: true } });
    expect(row.source).toBe(`print(${ODD})`);
    // A second run reads the conversation (with its NULs) back through the snapshot statement.
    await store.finishRun(run.id, "completed", null);
    const again = await createRun(
      ownerId,
      nb.id,
      input(() => [{ type: "text", text: "next" }]),
    );
    expect(again.turns.slice(0, 3).map((m) => m.content)).toEqual(messages.map((m) => m.content));
  });
});
