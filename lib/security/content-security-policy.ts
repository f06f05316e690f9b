// The Content-Security-Policy of every page, with a fresh nonce per response (Next puts it on its
// own scripts; our inline early-kernel script reads it from the x-nonce request header).
// - script-src: only nonced scripts and what they load ('strict-dynamic': Monaco's AMD loader);
//   'wasm-unsafe-eval' lets Pyodide compile WebAssembly. No 'unsafe-inline', no 'unsafe-eval'
//   in production, so injected markup cannot run script even if a sanitizer failed.
// - style-src 'unsafe-inline': React style attributes and Monaco's injected <style>s; styles
//   cannot run script.
// - frame-src: output iframes are srcdoc (inherit this policy); frame-ancestors 'none': no clickjacking.
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

/**
 * The share page's policy: the same for every response, so the cached page can carry it (no
 * nonce). The page has no script at all; inline <style> and style attributes only.
 */
export function sharePageContentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'none'",
    "style-src 'self' 'unsafe-inline'", // 'self': KaTeX's stylesheet (/katex/katex.min.css); fonts come under default-src
    "img-src 'self' data:",
    "frame-src 'self' data:",
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
