"use client";
// The admin page's users: who they are, what they store and spent today, and the actions. A wide
// table that scrolls sideways inside its own box on a narrow screen.
import { useState } from "react";
import { RelativeTime } from "@/components/layout/relative-time";
import { type AdminUserView, usd } from "@/lib/admin/admin-view";
import { adminApi } from "@/lib/client/admin-api";
import { humanSize } from "@/lib/files/file-paths";
import { DeleteUserDialog } from "./delete-user-dialog";

const cell = "whitespace-nowrap px-3 py-2";
const action = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50";

export function UserTable({ initial, selfId }: { initial: AdminUserView[]; selfId: string }) {
  const [users, setUsers] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<AdminUserView | null>(null);
  const adminCount = users.filter((u) => u.role === "admin").length;

  async function act(change: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await change();
      setUsers((await adminApi.users()).users as AdminUserView[]);
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {error && (
        <p role="alert" className="mb-3 rounded bg-red-50 p-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table aria-label="Users" className="min-w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
            <tr>
              <th className={cell}>Email</th>
              <th className={cell}>Created</th>
              <th className={cell}>Last seen</th>
              <th className={cell}>Role</th>
              <th className={cell}>Status</th>
              <th className={`${cell} text-right`}>Notebooks</th>
              <th className={`${cell} text-right`}>Storage</th>
              <th className={`${cell} text-right`}>Spend today</th>
              <th className={cell}>Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => {
              const self = u.id === selfId;
              // The server refuses it too (setUserRole); the button says why before anyone tries.
              const lastAdmin = u.role === "admin" && adminCount <= 1;
              return (
                <tr key={u.id} data-email={u.email}>
                  <td className={`${cell} font-medium`}>
                    {u.email}
                    {self && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
                  </td>
                  <td className={cell}>
                    <RelativeTime value={u.createdAt} />
                  </td>
                  <td className={cell}>{u.lastSeenAt ? <RelativeTime value={u.lastSeenAt} /> : "—"}</td>
                  <td className={cell}>{u.role}</td>
                  <td className={cell}>
                    {u.disabled ? (
                      <span className="rounded bg-red-50 px-1.5 py-0.5 text-red-700">disabled</span>
                    ) : (
                      "active"
                    )}
                  </td>
                  <td className={`${cell} text-right tabular-nums`}>{u.notebooks}</td>
                  <td className={`${cell} text-right tabular-nums`}>{humanSize(u.storageBytes)}</td>
                  <td className={`${cell} text-right tabular-nums`}>{usd(u.spendTodayUsd)}</td>
                  <td className={`${cell} space-x-1`}>
                    {!self && (
                      <button
                        type="button"
                        disabled={busy}
                        className={action}
                        aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.email}`}
                        onClick={() => void act(() => adminApi.setDisabled(u.id, !u.disabled))}
                      >
                        {u.disabled ? "Enable" : "Disable"}
                      </button>
                    )}
                    <button
                      type="button"
                      disabled={busy || lastAdmin}
                      title={lastAdmin ? "The instance's only admin: make someone else admin first." : undefined}
                      className={action}
                      aria-label={`${u.role === "admin" ? "Remove admin from" : "Make admin"} ${u.email}`}
                      onClick={() => void act(() => adminApi.setRole(u.id, u.role === "admin" ? "user" : "admin"))}
                    >
                      {u.role === "admin" ? "Remove admin" : "Make admin"}
                    </button>
                    {!self && (
                      <button
                        type="button"
                        disabled={busy}
                        className={`${action} text-red-700`}
                        aria-label={`Delete ${u.email}`}
                        onClick={() => setDeleting(u)}
                      >
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {deleting && (
        <DeleteUserDialog
          user={deleting}
          busy={busy}
          error={error}
          onClose={() => setDeleting(null)}
          onConfirm={() =>
            void act(() => adminApi.deleteUser(deleting.id)).then((ok) => {
              if (ok) setDeleting(null);
            })
          }
        />
      )}
    </>
  );
}
