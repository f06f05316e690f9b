"use client";
// The owner's share links for this notebook: create one, see the existing ones with their dates,
// copy any live one again, revoke any; choose whether readers also see the agent's progress notes
// (off by default: they are working notes, not the answer).
import { useEffect, useState } from "react";
import { notebookApi, type ShareLinkSummary } from "@/lib/client/notebook-api";
import { RelativeTime } from "@/components/layout/relative-time";

export function ShareDialog({
  notebookId,
  shareNotes = false,
  onClose,
}: {
  notebookId: string;
  shareNotes?: boolean;
  onClose(): void;
}) {
  const [notes, setNotes] = useState(shareNotes);
  const [links, setLinks] = useState<ShareLinkSummary[] | null>(null);
  const [created, setCreated] = useState<{ id: string; url: string } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    notebookApi.listShares(notebookId).then(
      (r) => setLinks(r.links),
      (e: Error) => setError(e.message),
    );
  }, [notebookId]);

  // Esc closes it, wherever the focus is, as other popovers do.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  async function attempt(action: () => Promise<void>) {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const create = () =>
    attempt(async () => {
      const r = await notebookApi.createShare(notebookId);
      setCreated({ id: r.link.id, url: r.url });
      setCopied(null);
      setLinks((l) => [r.link, ...(l ?? [])]);
    });
  const revoke = (linkId: string) =>
    attempt(async () => {
      const { link } = await notebookApi.revokeShare(notebookId, linkId);
      setLinks((l) => (l ?? []).map((x) => (x.id === link.id ? { ...link, path: null } : x)));
      if (created?.id === linkId) setCreated(null);
    });
  const toggleNotes = (on: boolean) =>
    attempt(async () => {
      setNotes(on);
      try {
        const { settings } = await notebookApi.updateSettings(notebookId, { shareNotes: on });
        setNotes(settings.shareNotes ?? on);
      } catch (e) {
        setNotes(!on); // the box shows what readers actually get
        throw e;
      }
    });
  const copy = (linkId: string, url: string) =>
    attempt(async () => {
      await navigator.clipboard.writeText(url);
      setCopied(linkId);
    });
  const urlOf = (path: string) => new URL(path, window.location.origin).href;

  return (
    <div
      role="dialog"
      aria-label="Share notebook"
      className="absolute right-4 top-12 z-20 w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-lg"
    >
      <div className="mb-3 flex items-center justify-between">
        <h2 className="font-medium">Share a read-only link</h2>
        <button type="button" className="text-slate-500 hover:text-slate-900" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      <p className="mb-3 text-xs text-slate-500">
        Anyone with the link sees the cells, outputs, agent conversation and files, and can make their own copy. They
        cannot change this notebook.
      </p>
      <label className="mb-3 flex items-center gap-2 text-xs text-slate-700">
        <input type="checkbox" checked={notes} onChange={(e) => void toggleNotes(e.target.checked)} />
        Show the agent&apos;s progress notes to people with the link
      </label>
      <button
        type="button"
        className="rounded-md bg-blue-600 px-3 py-1.5 font-medium text-white hover:bg-blue-700"
        onClick={() => void create()}
      >
        Create link
      </button>
      {created && (
        <div className="mt-3 rounded border border-amber-200 bg-amber-50 p-2">
          <p className="mb-1 text-xs text-amber-800">New link: anyone who has it can read this notebook.</p>
          <div className="flex gap-2">
            <input
              readOnly
              value={created.url}
              aria-label="Share URL"
              data-testid="share-url"
              className="flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              type="button"
              className="rounded border border-slate-300 bg-white px-2 py-1"
              onClick={() => void copy(created.id, created.url)}
            >
              {copied === created.id ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      )}
      <ul className="mt-3 divide-y divide-slate-100" aria-label="Share links">
        {links?.length === 0 && <li className="py-1 text-xs text-slate-400">No links yet.</li>}
        {links?.map((l) => (
          <li
            key={l.id}
            className="flex items-center gap-2 py-1.5"
            data-testid="share-link"
            data-revoked={l.revokedAt ? "true" : "false"}
          >
            <RelativeTime value={l.createdAt} prefix="Created " className="flex-1 text-xs text-slate-600" />
            {l.path && (
              <button
                type="button"
                className="text-xs text-blue-700 hover:text-blue-900"
                data-testid="share-link-copy"
                data-url={urlOf(l.path)}
                onClick={() => void copy(l.id, urlOf(l.path!))}
              >
                {copied === l.id ? "Copied" : "Copy link"}
              </button>
            )}
            {l.revokedAt ? (
              <RelativeTime value={l.revokedAt} prefix="Revoked " className="text-xs text-slate-400" />
            ) : (
              <button
                type="button"
                className="text-xs text-red-600 hover:text-red-800"
                onClick={() => void revoke(l.id)}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
