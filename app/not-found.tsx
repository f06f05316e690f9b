import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, never prerendered: Next puts this request's CSP nonce on the page's
  // scripts only when it renders them, and a prerendered 404 would break the page's own CSP.
  await connection();
  return (
    <main className="mx-auto max-w-xl px-6 py-20 text-center">
      <h1 className="mb-2 text-2xl font-semibold">Not found</h1>
      <p className="mb-6 text-slate-600">This notebook does not exist, or it belongs to someone else.</p>
      <a href="/" className="text-blue-700 underline">
        Back to your notebooks
      </a>
    </main>
  );
}
