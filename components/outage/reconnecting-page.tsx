// Shown instead of an owner page while the database is unreachable. It reloads itself with a meta
// refresh (no script, so nothing to allow in the CSP), and nothing the person saved is at risk:
// the page simply could not be read yet.
import { OUTAGE_RETRY_AFTER_SECONDS } from "@/lib/http/database-unavailable";

/** `retryHref`: this page's own address, for trying again at once. */
export function ReconnectingPage({ retryHref }: { retryHref: string }) {
  return (
    <main className="mx-auto max-w-xl px-6 py-20 text-center" data-testid="reconnecting">
      <meta httpEquiv="refresh" content={String(OUTAGE_RETRY_AFTER_SECONDS)} />
      <h1 className="mb-2 text-2xl font-semibold">Reconnecting…</h1>
      <p className="mb-6 text-slate-600">
        Pylot cannot reach its database right now. Your notebooks are safe; this page tries again every{" "}
        {OUTAGE_RETRY_AFTER_SECONDS} seconds.
      </p>
      <a href={retryHref} className="text-blue-700 underline">
        Try again now
      </a>
    </main>
  );
}
