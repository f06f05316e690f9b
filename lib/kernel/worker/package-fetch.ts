// Downloads of package files (wheels, shared-library zips) while a package load is running.
// Pyodide fetches them with the global fetch(); this wrapper adds what its loader lacks:
// a stall limit (a dead host otherwise never settles), byte counts for the progress line,
// an error that names the URL and the reason (Pyodide says only "request failed"), and the
// sha256 check done here on the bytes (fetch's own `integrity` would hide the progress).
export interface DownloadHooks {
  /** A download of url begins, and ends with all its bytes (onError when it fails). */
  onStart(url: string): void;
  onDone(url: string): void;
  /** Any byte (or response) arrived: the stall timer restarts. */
  onActivity(): void;
  /** Bytes received so far for url, and the total when the server says it (Content-Length). */
  onBytes(url: string, received: number, total: number | null): void;
  /** Why url failed; the loader turns it into the import error. */
  onError(url: string, message: string): void;
  /** Every download in flight is aborted through this signal when the load gives up. */
  signal: AbortSignal;
}

let active: DownloadHooks | null = null;
let realFetch: typeof fetch | null = null;

/** Package downloads are recognised by file type, and only while a load runs (no user code then). */
const isPackageFile = (url: string) => /\.(whl|zip|tar|tgz)(\?|$)/.test(url);

export function installPackageFetch(): void {
  if (realFetch) return;
  realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const hooks = active;
    return hooks && isPackageFile(url) ? download(url, init, hooks) : realFetch!(input, init);
  };
}

/** Runs `load` with package downloads reported to hooks. */
export async function withDownloads<T>(hooks: DownloadHooks, load: () => Promise<T>): Promise<T> {
  active = hooks;
  try {
    return await load();
  } finally {
    if (active === hooks) active = null;
  }
}

async function download(url: string, init: RequestInit | undefined, hooks: DownloadHooks): Promise<Response> {
  hooks.onStart(url);
  try {
    const { integrity, ...rest } = init ?? {};
    // mode "cors": the page is cross-origin isolated (COEP require-corp); an index on another
    // origin must answer with CORS headers (jsDelivr does), and then the response is allowed.
    const response = await realFetch!(url, { ...rest, mode: "cors", credentials: "omit", signal: hooks.signal });
    hooks.onActivity();
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    const length = Number(response.headers.get("content-length"));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const bytes = await readAll(response, (received) => {
      hooks.onActivity();
      hooks.onBytes(url, received, total);
    });
    if (integrity) await checkIntegrity(bytes, integrity);
    hooks.onDone(url);
    return new Response(bytes, { status: 200, headers: { "content-type": "application/octet-stream" } });
  } catch (e) {
    const message = hooks.signal.aborted
      ? String(hooks.signal.reason ?? "aborted")
      : e instanceof Error
        ? e.message
        : String(e);
    hooks.onError(
      url,
      message === "Failed to fetch" ? "the server could not be reached (or sent no CORS headers)" : message,
    );
    throw e;
  }
}

async function readAll(response: Response, progress: (received: number) => void): Promise<Uint8Array<ArrayBuffer>> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    progress(received);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** integrity is "sha256-<base64>", as Pyodide builds it from the lock file's hex digest. */
async function checkIntegrity(bytes: Uint8Array<ArrayBuffer>, integrity: string): Promise<void> {
  const [algorithm, expected] = integrity.split("-", 2);
  if (algorithm !== "sha256" || !expected) return;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const actual = btoa(String.fromCharCode(...digest));
  if (actual !== expected) throw new Error("its sha256 does not match the lock file (corrupt or changed file)");
}
