"use client";
// The model's progress notes (its thinking blocks), set apart from its answers: smaller, muted,
// behind a "Notes" toggle. None of these elements carry data-role, so they never count as turns.
import { visibleNotes, type LiveNoteBlock, type NoteBlock } from "./note-blocks";

const HIDDEN = "(reasoning hidden by Claude's safety systems)";
const box = "border-l-2 border-slate-200 pl-2 text-xs italic text-slate-500";
const summary = "cursor-pointer select-none text-[11px] font-medium not-italic text-slate-400";

function NoteTexts({ notes }: { notes: NoteBlock[] }) {
  return (
    <>
      {notes.map((n, i) => (
        <p key={i} className="mt-1 whitespace-pre-wrap">
          {n.redacted ? HIDDEN : n.text}
        </p>
      ))}
    </>
  );
}

/** A finished turn's notes, folded: the answer below is what matters once the step is done. */
export function StoredNotes({ notes }: { notes: NoteBlock[] }) {
  const visible = visibleNotes(notes);
  if (!visible.length) return null;
  return (
    <details className={box} data-testid="agent-notes">
      <summary className={summary}>Notes</summary>
      <NoteTexts notes={visible} />
    </details>
  );
}

/**
 * The running step's notes as they stream, one toggle per step. While a step has shown nothing
 * yet (the model is still thinking, or its notes are omitted) a status line says so, so the panel
 * is never silent while Claude works.
 */
export function LiveNotes({
  notes,
  step,
  streaming,
  quiet,
}: {
  notes: LiveNoteBlock[];
  step: number;
  streaming: boolean;
  quiet: boolean;
}) {
  const groups = [...new Set(notes.map((n) => n.step))]
    .map((s) => ({ step: s, notes: visibleNotes(notes.filter((n) => n.step === s)) }))
    .filter((g) => g.notes.length);
  if (!groups.length && !quiet) return null;
  return (
    <div className="space-y-1" data-testid="agent-thinking">
      {groups.map((g) => (
        <details key={g.step} className={box} open={streaming && g.step === step}>
          <summary className={summary}>Notes{groups.length > 1 ? ` · step ${g.step}` : ""}</summary>
          <NoteTexts notes={g.notes} />
        </details>
      ))}
      {quiet && (
        <p role="status" className="flex items-center gap-1.5 px-1 text-xs text-slate-500">
          <span className="inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-slate-400" />
          Claude is thinking…
        </p>
      )}
    </div>
  );
}
