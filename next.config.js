// @ts-check
/**
 * Cross-origin isolation (COOP + COEP) on every response: the page needs it for
 * SharedArrayBuffer, which is how a running Python cell is interrupted.
 */
const isolation = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  // Type checking runs as its own step (npm run typecheck) with the TypeScript 7 compiler.
  typescript: { ignoreBuildErrors: true },
  // The stylesheet goes into the HTML: no request before first paint, and the page's inline
  // scripts (Python's early start) do not wait for a stylesheet to arrive.
  experimental: { inlineCss: true },
  async headers() {
    return [
      { source: "/:path*", headers: isolation },
      {
        // Shared pages skip proxy.ts, and a route's own header cannot replace one set here: the
        // token in their URLs must never leave in a Referer (the last matching rule wins), and no
        // answer under /s/ — pages, figures, files, errors — is for search engines.
        source: "/s/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
      {
        // Versioned by the installed Pyodide: revalidate cheaply rather than refetch 45 MB.
        // no-transform: Next's response compression would gzip the wasm on every request (server
        // CPU taken from the browser booting Python on the same machine; docs/performance.md);
        // put a compressing CDN or proxy in front when users are far away (docs/operations.md).
        source: "/pyodide/:file*",
        headers: [{ key: "Cache-Control", value: "public, max-age=3600, must-revalidate, no-transform" }],
      },
    ];
  },
};

export default nextConfig;
