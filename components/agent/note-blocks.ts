// The model's progress notes as data: thinking blocks, stored or streaming. Kept apart from the
// components so the runner, the transcript and tests share one definition.

export interface NoteBlock {
  text: string;
  /** Hidden by the API's safety systems: there is no text to show, only that it happened. */
  redacted: boolean;
}

export interface LiveNoteBlock extends NoteBlock {
  /** The step it streamed in: the current step's notes stay open, earlier ones fold away. */
  step: number;
}

/** Blocks worth showing: an empty thinking block (the API omitted its text) shows nothing. */
export function visibleNotes<T extends NoteBlock>(notes: T[]): T[] {
  return notes.filter((n) => n.redacted || n.text.trim());
}

/** Adds streamed note text to the open thinking block (a delta without a start opens one). */
export function appendNote(notes: LiveNoteBlock[], step: number, text: string): LiveNoteBlock[] {
  const last = notes[notes.length - 1];
  if (!last || last.redacted || last.step !== step) return [...notes, { step, text, redacted: false }];
  return [...notes.slice(0, -1), { ...last, text: last.text + text }];
}
