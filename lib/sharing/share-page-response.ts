// Small HTML answers of the share routes (errors), with the headers every share response carries.
import { sharePageContentSecurityPolicy } from "@/lib/security/content-security-policy";

export const SHARE_PAGE_HEADERS: Record<string, string> = {
  "content-security-policy": sharePageContentSecurityPolicy(),
  "x-robots-tag": "noindex, nofollow",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

export function shareErrorPage(status: number, title: string, message: string): Response {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><title>${esc(title)} · Pylot</title>`
    + `<style>body{font:15px/1.5 system-ui,sans-serif;color:#0f172a;max-width:36rem;margin:5rem auto;padding:0 1.5rem;text-align:center}a{color:#1d4ed8}</style></head>`
    + `<body><h1>${esc(title)}</h1><p>${esc(message)}</p><p><a href="/">Pylot</a></p></body></html>`;
  return new Response(html, { status, headers: { ...SHARE_PAGE_HEADERS, "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
