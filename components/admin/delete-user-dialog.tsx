"use client";
// The confirmation before deleting an account: it names what goes, and the button says it again.
import { ModalDialog } from "@/components/ui/modal-dialog";
import { humanSize } from "@/lib/files/file-paths";
import type { AdminUserView } from "@/lib/admin/admin-view";

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function DeleteUserDialog({
  user,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  user: AdminUserView;
  busy: boolean;
  /** Why the last attempt failed (the page behind the dialog is inert). */
  error: string | null;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <ModalDialog
      role="alertdialog"
      aria-labelledby="delete-user-title"
      aria-describedby="delete-user-what"
      onClose={onClose}
      className="w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-5 shadow-xl"
    >
      <h2 id="delete-user-title" className="text-lg font-semibold">
        Delete {user.email}?
      </h2>
      <div id="delete-user-what" className="mt-2 space-y-2 text-sm text-slate-600">
        <p>This deletes the account and everything it owns, for good:</p>
        <ul className="list-disc pl-5">
          <li>{count(user.notebooks, "notebook")} with their cells and outputs</li>
          <li>
            {count(user.files, "file")} ({humanSize(user.storageBytes)} stored with outputs)
          </li>
          <li>{count(user.runs, "agent run")} and their messages</li>
          <li>{count(user.shareLinks, "share link")} (they stop working)</li>
          <li>its sessions: it is signed out everywhere</li>
        </ul>
      </div>
      {error && (
        <p role="alert" className="mt-3 rounded bg-red-50 p-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <button
          type="button"
          onClick={onClose}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
        >
          Cancel
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={onConfirm}
          className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60"
        >
          {busy ? "Deleting…" : `Delete ${user.email} and ${count(user.notebooks, "notebook")}`}
        </button>
      </div>
    </ModalDialog>
  );
}
