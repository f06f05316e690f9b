// Browser-side calls to the notebook API, one typed function per route. Every request from the
// page goes through apiFetch, which echoes the double-submit token (lib/identity/csrf-token.ts):
// the page can read that cookie, Python in the worker cannot, so the server can tell them apart.
import type { CellDoc, CellKind, NotebookDoc, NotebookSettings, NotebookSummary } from "@/lib/notebook/cell";
import type { Output } from "@/lib/notebook/outputs";
import type { FileInfo, FilePreview } from "@/lib/files/file-info";

export interface ShareLinkSummary {
  id: string;
  createdAt: string;
  revokedAt: string | null;
  /** Where a live link reads (`/s/<token>`), to copy again; null when revoked or made before links could be shown again. */
  path?: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

const CSRF_COOKIE = "pylot_csrf";
const CSRF_HEADER = "x-pylot-csrf";

function csrfToken(): string {
  if (typeof document === "undefined") return "";
  const entry = document.cookie.split("; ").find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(CSRF_COOKIE.length + 1)) : "";
}

/** fetch() for Pylot's own API: same-origin credentials plus the double-submit header. */
export function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(CSRF_HEADER, csrfToken());
  return fetch(path, { ...init, headers, credentials: "same-origin" });
}

/** Turns an error response into an ApiError carrying the server's code and message. */
export async function throwApiError(res: Response): Promise<never> {
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  const err = (data.error ?? {}) as Record<string, unknown>;
  throw new ApiError(res.status, String(err.code ?? "error"), String(err.message ?? res.statusText), err);
}

/**
 * A fresh Idempotency-Key: a retry of the same write sends the same key, so the server answers a
 * retry whose first attempt landed with that attempt's answer. getRandomValues, not randomUUID:
 * it also exists outside secure contexts (a deployment on plain http).
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

type CallInit = Omit<RequestInit, "headers" | "body" | "method"> & { idempotencyKey?: string };

async function call<T>(method: string, path: string, body?: unknown, init: CallInit = {}): Promise<T> {
  const { idempotencyKey, ...rest } = init;
  const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
  // Every write carries a key (one per logical write; the savers pass theirs to reuse on retry).
  if (method !== "GET") headers["idempotency-key"] = idempotencyKey ?? newIdempotencyKey();
  const res = await apiFetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    ...rest,
  });
  if (!res.ok) await throwApiError(res);
  return (await res.json()) as T;
}

const nb = (id: string) => `/api/notebooks/${id}`;
const cell = (id: string, cellId: string) => `${nb(id)}/cells/${cellId}`;

export const notebookApi = {
  list: () => call<{ notebooks: NotebookSummary[] }>("GET", "/api/notebooks"),
  create: (title?: string) => call<{ notebook: NotebookDoc }>("POST", "/api/notebooks", title ? { title } : {}),
  get: (id: string) => call<{ notebook: NotebookDoc }>("GET", nb(id)),
  rename: (id: string, title: string) => call<{ title: string }>("PATCH", nb(id), { title }),
  /** Saves agent settings (model, effort, whether share links show the agent's notes). */
  updateSettings: (
    id: string,
    settings: { model?: string; effort?: NotebookSettings["effort"]; shareNotes?: boolean },
  ) => call<{ settings: NotebookSettings }>("PATCH", nb(id), { settings }),
  remove: (id: string) => call<{ deleted: true }>("DELETE", nb(id)),
  insertCell: (id: string, index: number, kind: CellKind, source = "") =>
    call<{ cell: CellDoc; revision: number }>("POST", `${nb(id)}/cells`, { index, kind, source }),
  // keepalive: a delete or move made just before the person leaves the page still reaches the server.
  deleteCell: (id: string, cellId: string) =>
    call<{ revision: number }>("DELETE", cell(id, cellId), undefined, { keepalive: true }),
  reorder: (id: string, cellIds: string[]) =>
    call<{ revision: number }>("PUT", `${nb(id)}/cells/order`, { cellIds }, { keepalive: cellIds.length < 1000 }),
  editCell: (
    id: string,
    cellId: string,
    baseVersion: number,
    patch: { source?: string; kind?: CellKind },
    keepalive = false,
    idempotencyKey?: string,
  ) => call<{ cell: CellDoc }>("PATCH", cell(id, cellId), { baseVersion, ...patch }, { keepalive, idempotencyKey }),
  listShares: (id: string) => call<{ links: ShareLinkSummary[] }>("GET", `${nb(id)}/shares`),
  createShare: (id: string) =>
    call<{ link: ShareLinkSummary; token: string; url: string }>("POST", `${nb(id)}/shares`, {}),
  revokeShare: (id: string, linkId: string) => call<{ link: ShareLinkSummary }>("DELETE", `${nb(id)}/shares/${linkId}`),
  /** The notebook as an .ipynb file (a Blob to download) and the file name the server suggests. */
  exportIpynb: async (id: string) => {
    const res = await apiFetch(`${nb(id)}/ipynb`);
    if (!res.ok) await throwApiError(res);
    const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "notebook.ipynb";
    return { blob: await res.blob(), name };
  },
  /** Sends the file's text as is: the server validates and reports what is wrong. */
  importIpynb: async (text: string, fileName?: string) => {
    const query = fileName ? `?filename=${encodeURIComponent(fileName)}` : "";
    const res = await apiFetch(`/api/notebooks/import${query}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: text,
    });
    if (!res.ok) await throwApiError(res);
    return (await res.json()) as { notebook: { id: string } };
  },
  fork: (token: string) => call<{ notebook: { id: string } }>("POST", "/api/shares/fork", { token }),
  saveOutputs: (
    id: string,
    cellId: string,
    run: { outputs: Output[]; executionCount: number | null; durationMs: number | null },
    idempotencyKey?: string,
    keepalive = false,
  ) => call<{ saved: true }>("PUT", `${cell(id, cellId)}/outputs`, run, { idempotencyKey, keepalive }),
};

// ------------------------------------------------------------------ files

/** "/api/notebooks/<id>/files/data/a%20b.csv": each path segment encoded on its own. */
export const fileUrl = (id: string, path: string) =>
  `${nb(id)}/files/${path.split("/").map(encodeURIComponent).join("/")}`;

function errorFrom(status: number, statusText: string, bodyText: string): ApiError {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    // not JSON (e.g. a proxy's HTML error page)
  }
  const err = (data.error ?? {}) as Record<string, unknown>;
  return new ApiError(
    status,
    String(err.code ?? "error"),
    String(err.message ?? (statusText || `HTTP ${status}`)),
    err,
  );
}

export interface UploadOptions {
  replace?: boolean;
  /** A save of what Python wrote: the server accepts it only under output/. */
  fromKernel?: boolean;
  idempotencyKey?: string;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads one file as the raw request body. XMLHttpRequest, not fetch: only XHR reports upload
 * progress. Rejects with ApiError (409 file_exists, 413, 400 bad name…).
 */
function uploadFile(
  id: string,
  path: string,
  body: Blob | Uint8Array,
  opts: UploadOptions = {},
): Promise<{ file: FileInfo; replaced: boolean }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = [opts.replace ? "replace=1" : "", opts.fromKernel ? "from=kernel" : ""].filter(Boolean).join("&");
    xhr.open("PUT", `${fileUrl(id, path)}${query ? `?${query}` : ""}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader(CSRF_HEADER, csrfToken());
    xhr.setRequestHeader("idempotency-key", opts.idempotencyKey ?? newIdempotencyKey());
    xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300)
        resolve(JSON.parse(xhr.responseText) as { file: FileInfo; replaced: boolean });
      else reject(errorFrom(xhr.status, xhr.statusText, xhr.responseText));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, "network", "The upload failed: the connection to the server was lost.", {}));
    xhr.onabort = () => reject(new ApiError(0, "aborted", "The upload was cancelled.", {}));
    opts.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body instanceof Uint8Array ? new Blob([body as Uint8Array<ArrayBuffer>]) : body);
  });
}

/** A stored file's bytes (restoring the kernel's filesystem); unchanged files revalidate as 304. */
async function fileBytes(id: string, path: string): Promise<Uint8Array> {
  const res = await apiFetch(fileUrl(id, path), { cache: "no-cache" });
  if (!res.ok) throw errorFrom(res.status, res.statusText, await res.text().catch(() => ""));
  return new Uint8Array(await res.arrayBuffer());
}

export const fileApi = {
  list: (id: string) => call<{ files: FileInfo[]; maxFileBytes: number }>("GET", `${nb(id)}/files`),
  upload: uploadFile,
  bytes: fileBytes,
  preview: (id: string, path: string) =>
    call<{ file: FileInfo; preview: FilePreview }>("GET", `${fileUrl(id, path)}?view=preview`),
  remove: (id: string, path: string) => call<{ deleted: true }>("DELETE", fileUrl(id, path)),
  /** For <a href download>: a plain navigation, never read by script. */
  downloadUrl: (id: string, path: string) => fileUrl(id, path),
  /** For <img src>: raster images only (anything else is served as an attachment). */
  imageUrl: (id: string, path: string, sha256: string) => `${fileUrl(id, path)}?view=inline&v=${sha256.slice(0, 12)}`,
};
