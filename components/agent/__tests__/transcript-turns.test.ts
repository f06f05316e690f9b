import { describe, expect, it } from "vitest";
import type { TranscriptMessage } from "@/lib/agent/events";
import { appendNote } from "../note-blocks";
import { turnOf } from "../transcript-turns";

const assistant = (content: unknown[]): TranscriptMessage => ({
  id: "m",
  runId: "r",
  role: "assistant",
  content,
  createdAt: "",
});

describe("transcript turns", () => {
  it("keeps thinking as notes apart from the answer text", () => {
    const turn = turnOf(
      assistant([
        { type: "thinking", thinking: "Look at the columns first.", signature: "s" },
        { type: "text", text: "March grew most." },
      ]),
    );
    expect(turn).toEqual({
      role: "assistant",
      text: "March grew most.",
      notes: [{ text: "Look at the columns first.", redacted: false }],
      cells: [],
    });
  });

  it("still says a cell was written when a turn is only thinking and a tool call", () => {
    const turn = turnOf(
      assistant([
        { type: "thinking", thinking: "", signature: "s" },
        { type: "tool_use", id: "t", name: "run_cell", input: { code: "print(1)" } },
      ]),
    );
    expect(turn).toMatchObject({ role: "assistant", text: "", cells: [{ toolUseId: "t", code: "print(1)" }] });
  });

  it("shows a redacted block but nothing for an omitted one", () => {
    expect(turnOf(assistant([{ type: "redacted_thinking", data: "x" }]))).toMatchObject({
      notes: [{ redacted: true }],
    });
    expect(turnOf(assistant([{ type: "thinking", thinking: "", signature: "s" }]))).toBeNull();
  });

  it("appends streamed notes to the open block of the same step", () => {
    let notes = appendNote([], 1, "Read ");
    notes = appendNote(notes, 1, "the file.");
    notes = appendNote(notes, 2, "Now plot.");
    expect(notes).toEqual([
      { step: 1, text: "Read the file.", redacted: false },
      { step: 2, text: "Now plot.", redacted: false },
    ]);
    expect(appendNote([{ step: 1, text: "", redacted: true }], 1, "x")).toHaveLength(2);
  });
});
