"use client";
// The keyboard sheet (H in command mode, or the ⌨ button): JupyterLab's keys as Pylot has them.
import { ModalDialog } from "@/components/ui/modal-dialog";
import { KEY_HELP } from "@/lib/notebook/command-keys";

export function KeyboardHelp({ onClose }: { onClose(): void }) {
  return (
    <ModalDialog
      label="Keyboard shortcuts"
      onClose={onClose}
      onKeyDown={(e) => {
        if (e.key === "h" || e.key === "H") {
          e.preventDefault();
          onClose();
        }
      }}
      className="w-full max-w-lg overflow-y-auto"
    >
      <div className="mb-2 flex items-center">
        <h2 className="flex-1 font-semibold">Keyboard shortcuts</h2>
        <button type="button" onClick={onClose} className="rounded px-2 py-0.5 text-slate-500 hover:bg-slate-100">
          Close
        </button>
      </div>
      {KEY_HELP.map((group) => (
        <section key={group.mode} className="mt-3">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{group.mode}</h3>
          <table className="w-full">
            <tbody>
              {group.rows.map(([keys, what]) => (
                <tr key={keys} className="border-t border-slate-100">
                  <td className="py-1 pr-3 align-top whitespace-nowrap">
                    <kbd className="rounded border border-slate-200 bg-slate-50 px-1 font-mono text-xs">{keys}</kbd>
                  </td>
                  <td className="py-1 text-slate-700">{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </ModalDialog>
  );
}
