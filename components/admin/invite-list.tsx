"use client";
// Invite links: make one (single use, 7 days), copy it, revoke it while unused.
import { useEffect, useState } from "react";
import { RelativeTime } from "@/components/layout/relative-time";
import type { InviteView } from "@/lib/admin/admin-view";
import { invitePath } from "@/lib/admin/invite-link";
import { adminApi } from "@/lib/client/admin-api";

const STATE_LABEL: Record<InviteView["state"], string> = {
  open: "unused",
  used: "used",
  revoked: "revoked",
  expired: "expired",
};

export function InviteList({ initial, inviteMode }: { initial: InviteView[]; inviteMode: boolean }) {
  const [invites, setInvites] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  // The link names this page's origin; known only in the browser (the server render has none).
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);

  async function act(change: () => Promise<unknown>) {
    setError(null);
    try {
      await change();
      setInvites((await adminApi.invites()).invites as InviteView[]);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-500">
        {inviteMode
          ? "This instance is invite-only (PYLOT_AUTH=invite): a new account needs one of these links."
          : "Invite links are needed when PYLOT_AUTH=invite; this instance lets anyone sign up for now."}{" "}
        Each link works once and expires after 7 days.
      </p>
      <button
        type="button"
        onClick={() => void act(adminApi.createInvite)}
        className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700"
      >
        New invite link
      </button>
      {error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {invites.length > 0 && (
        <ul aria-label="Invites" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {invites.map((i) => {
            const link = `${origin}${invitePath(i.token)}`;
            return (
              <li key={i.id} className="space-y-1 px-4 py-3 text-sm">
                <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className={i.state === "open" ? "font-medium text-green-800" : "text-slate-500"}>
                    {STATE_LABEL[i.state]}
                  </span>
                  <span className="text-slate-500">
                    made <RelativeTime value={i.createdAt} />
                    {i.state === "open" && (
                      <>
                        {" "}
                        · expires <RelativeTime value={i.expiresAt} />
                      </>
                    )}
                    {i.usedByEmail && <> · by {i.usedByEmail}</>}
                  </span>
                  {i.state === "open" && (
                    <button
                      type="button"
                      onClick={() => void act(() => adminApi.revokeInvite(i.id))}
                      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50"
                    >
                      Revoke
                    </button>
                  )}
                </p>
                {i.state === "open" && (
                  <input
                    readOnly
                    aria-label="Invite link"
                    value={link}
                    onFocus={(e) => e.currentTarget.select()}
                    className="w-full rounded border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-xs"
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
