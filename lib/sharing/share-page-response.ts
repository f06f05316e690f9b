// Small HTML answers of the share routes (errors), with the headers every share response carries.
import "server-only";
import { escapeHtml } from "@/lib/html/escape-html";
import { isDatabaseUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from "@/lib/http/database-unavailable";
import { sharePageContentSecurityPolicy } from "@/lib/security/content-security-policy";

export const SHARE_PAGE_HEADERS: Record<string, string> = {
  "content-security-policy": sharePageContentSecurityPolicy(),
  "x-robots-tag": "noindex, nofollow",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

export function shareErrorPage(status: number, title: string, message: string): Response {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><title>${escapeHtml(title)} · Pylot</title>` +
    `<style>body{font:15px/1.5 system-ui,sans-serif;color:#0f172a;max-width:36rem;margin:5rem auto;padding:0 1.5rem;text-align:center}a{color:#1d4ed8}</style></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Pylot</a></p></body></html>`;
  return new Response(html, {
    status,
    headers: { ...SHARE_PAGE_HEADERS, "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Any failure of a share route becomes a short HTML page, never a stack trace: busy → 503, else 500. */
export function withShareErrors<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        console.warn("[share] database unreachable:", (err as Error).message);
        const page = shareErrorPage(
          503,
          "Reconnecting",
          "The server cannot reach its database; try again in a few seconds.",
        );
        page.headers.set("retry-after", String(OUTAGE_RETRY_AFTER_SECONDS));
        return page;
      }
      const code = (err as { code?: string }).code;
      // Prisma's pool/transaction timeouts, pg's pool, PostgreSQL refusing connections: busy, not broken.
      if (
        code === "P2028" ||
        code === "P2024" ||
        code === "ECONNREFUSED" ||
        code === "53300" ||
        /timeout exceeded when trying to connect/i.test(String((err as Error).message))
      ) {
        console.warn("[share] database busy:", (err as Error).message);
        return shareErrorPage(503, "Busy", "The server is busy right now; try again in a moment.");
      }
      console.error("[share] failed:", err);
      return shareErrorPage(500, "Something went wrong", "Something went wrong on the server.");
    }
  };
}
