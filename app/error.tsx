"use client";
// A page failed to render (not an outage: those show the reconnecting page). Rendered in the same
// response as the failed page, so its scripts carry that request's CSP nonce.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-6 py-20 text-center" data-testid="error-page">
      <h1 className="mb-2 text-2xl font-semibold">Something went wrong</h1>
      <p className="mb-6 text-slate-600">The page could not be shown. Nothing you saved is lost.</p>
      <button type="button" onClick={reset} className="mr-4 text-blue-700 underline">
        Try again
      </button>
      <a href="/" className="text-blue-700 underline">
        Back to your notebooks
      </a>
    </main>
  );
}
