// A stored message as the transcript shows it. Assistant turns keep the API's block order:
// thinking (the notes, possibly redacted or with its text omitted), then text and tool calls.
import type { TranscriptMessage } from "@/lib/agent/events";
import { visibleNotes, type NoteBlock } from "./note-blocks";

type Block = { type: string; text?: string; thinking?: string; id?: string; input?: { code?: unknown } };
/** A cell the agent wrote in this turn: the panel links to it (by its tool_use id, or its code). */
export interface WrittenCell {
  toolUseId: string;
  code: string;
}
export type Turn =
  | { role: "user"; text: string }
  | { role: "assistant"; text: string; notes: NoteBlock[]; cells: WrittenCell[] };

/** What one stored message shows, or null when it shows nothing (e.g. a bare tool result). */
export function turnOf(m: TranscriptMessage): Turn | null {
  const blocks = (Array.isArray(m.content) ? m.content : []) as Block[];
  if (m.role === "user") {
    const texts = blocks.filter((b) => b.type === "text" && b.text);
    // The last text block is the person's request; earlier ones are the notebook context we added.
    const text = texts[texts.length - 1]?.text;
    return text ? { role: "user", text } : null;
  }
  const notes = blocks.flatMap<NoteBlock>((b) =>
    b.type === "thinking"
      ? [{ text: b.thinking ?? "", redacted: false }]
      : b.type === "redacted_thinking"
        ? [{ text: "", redacted: true }]
        : [],
  );
  const text = blocks
    .filter((b) => b.type === "text")
    .map((b) => b.text)
    .join("");
  const cells = blocks
    .filter((b) => b.type === "tool_use")
    .map((b) => ({ toolUseId: b.id ?? "", code: typeof b.input?.code === "string" ? b.input.code : "" }));
  return text || cells.length || visibleNotes(notes).length ? { role: "assistant", text, notes, cells } : null;
}
