"use client";
// Asks before Python restarts and its variables are lost: a Restart with variables defined, or an
// interrupt the running code did not obey. Cancel (or Esc) keeps the interpreter as it is.
import type { ReactNode } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { UserVariables } from "@/lib/kernel/kernel";

export type RestartReason = "restart" | "stuck";

const TEXT: Record<RestartReason, { title: string; body: string; confirm: string; cancel: string }> = {
  restart: {
    title: "Restart Python?",
    body: "Every variable, import and function defined by the cells you ran will be lost. Files in data/ and output/ are kept.",
    confirm: "Restart",
    cancel: "Cancel",
  },
  stuck: {
    title: "The cell did not stop",
    body: "It is inside code that cannot be interrupted. Restarting Python stops it, but every variable, import and function will be lost. Files in data/ and output/ are kept.",
    confirm: "Restart Python",
    cancel: "Keep waiting",
  },
};

/** How many names the question spells out before "and N more". */
const NAMES_SHOWN = 3;

/** "df, model and 3 more will be lost": the first names the cells defined, and how many more. */
function LostNames({ lost }: { lost: UserVariables }) {
  const shown = lost.count <= NAMES_SHOWN ? lost.names.slice(0, NAMES_SHOWN) : lost.names.slice(0, NAMES_SHOWN - 1);
  const more = lost.count - shown.length;
  const parts: ReactNode[] = shown.map((name) => (
    <code key={name} className="rounded bg-slate-100 px-1 text-slate-800">
      {name}
    </code>
  ));
  if (more > 0) parts.push(`${more} more`);
  const list = parts.flatMap((part, i) => {
    if (i === 0) return [part];
    return [i === parts.length - 1 ? " and " : ", ", part];
  });
  return (
    <span data-testid="restart-dialog-names">
      {list} will be lost, with every import and function the cells defined. Files in data/ and output/ are kept.
    </span>
  );
}

export function RestartDialog({
  reason,
  lost = null,
  onConfirm,
  onCancel,
}: {
  reason: RestartReason;
  /** For a Restart: the variables the kernel named; null when it could not tell (then the general text). */
  lost?: UserVariables | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  const text = TEXT[reason];
  // The safe choice comes first, so the modal gives it the focus: Enter does not lose variables by accident.
  return (
    <ModalDialog
      role="alertdialog"
      onClose={onCancel}
      aria-labelledby="restart-dialog-title"
      aria-describedby="restart-dialog-body"
      data-testid="restart-dialog"
      data-reason={reason}
      className="w-[26rem]"
    >
      <h2 id="restart-dialog-title" className="text-sm font-semibold text-slate-900">
        {text.title}
      </h2>
      <p id="restart-dialog-body" className="mt-2 text-sm text-slate-600">
        {lost && lost.count > 0 ? <LostNames lost={lost} /> : text.body}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <button
          type="button"
          className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
          onClick={onCancel}
        >
          {text.cancel}
        </button>
        <button
          type="button"
          className="rounded border border-red-300 bg-red-50 px-3 py-1 text-sm text-red-800 hover:bg-red-100"
          onClick={onConfirm}
        >
          {text.confirm}
        </button>
      </div>
    </ModalDialog>
  );
}
