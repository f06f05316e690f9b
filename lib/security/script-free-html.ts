// Next prerenders the global error page (.next/server/app/_global-error.html, copied to
// pages/500.html) at build time, so its scripts cannot carry the per-request CSP nonce and the
// browser would block them. The page needs no script (its "Try again" is a link), so the build
// removes them instead: a 500 that keeps its own CSP.

const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi;
// Preloads of scripts are checked against script-src too.
const SCRIPT_PRELOAD = /<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*>/gi;

export function withoutScripts(html: string): string {
  return html
    .replace(SCRIPT, "")
    .replace(SCRIPT_PRELOAD, (link) => (/\bas="script"|modulepreload/i.test(link) ? "" : link));
}
