"use client";
// The account's sessions (device, last seen, this one marked) with Revoke: the revoked browser is
// signed out on its next request.
import { useState } from "react";
import { RelativeTime } from "@/components/layout/relative-time";
import { accountApi } from "@/lib/client/account-api";

export interface SessionRow {
  id: string;
  device: string;
  lastSeenAt: string;
  createdAt: string;
  current: boolean;
}

export function SessionList({ initial }: { initial: SessionRow[] }) {
  const [sessions, setSessions] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  async function revoke(id: string) {
    setError(null);
    try {
      await accountApi.revokeSession(id);
      setSessions((list) => list.filter((s) => s.id !== id));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <>
      {error && (
        <p role="alert" className="mb-3 rounded bg-red-50 p-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <ul aria-label="Sessions" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {s.device}
                {s.current && (
                  <span className="ml-2 rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800">this browser</span>
                )}
              </p>
              <p className="text-slate-500">
                Last seen <RelativeTime value={s.lastSeenAt} /> · signed in <RelativeTime value={s.createdAt} />
              </p>
            </div>
            {!s.current && (
              <button
                type="button"
                onClick={() => void revoke(s.id)}
                aria-label={`Revoke ${s.device}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50"
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
