// Browser-side calls to the notebook API, one typed function per route.
import type { CellDoc, CellKind, NotebookDoc, NotebookSummary } from "./cell";
import type { Output } from "./outputs";

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

async function call<T>(method: string, path: string, body?: unknown, init?: RequestInit): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    ...init,
  });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const err = (data.error ?? {}) as Record<string, unknown>;
    throw new ApiError(res.status, String(err.code ?? "error"), String(err.message ?? res.statusText), err);
  }
  return data as T;
}

const nb = (id: string) => `/api/notebooks/${id}`;
const cell = (id: string, cellId: string) => `${nb(id)}/cells/${cellId}`;

export const notebookApi = {
  list: () => call<{ notebooks: NotebookSummary[] }>("GET", "/api/notebooks"),
  create: (title?: string) => call<{ notebook: NotebookDoc }>("POST", "/api/notebooks", title ? { title } : {}),
  get: (id: string) => call<{ notebook: NotebookDoc }>("GET", nb(id)),
  rename: (id: string, title: string) => call<{ title: string }>("PATCH", nb(id), { title }),
  remove: (id: string) => call<{ deleted: true }>("DELETE", nb(id)),
  insertCell: (id: string, index: number, kind: CellKind, source = "") =>
    call<{ cell: CellDoc; revision: number }>("POST", `${nb(id)}/cells`, { index, kind, source }),
  // keepalive: a delete or move made just before the person leaves the page still reaches the server.
  deleteCell: (id: string, cellId: string) => call<{ revision: number }>("DELETE", cell(id, cellId), undefined, { keepalive: true }),
  reorder: (id: string, cellIds: string[]) =>
    call<{ revision: number }>("PUT", `${nb(id)}/cells/order`, { cellIds }, { keepalive: cellIds.length < 1000 }),
  editCell: (id: string, cellId: string, baseVersion: number, patch: { source?: string; kind?: CellKind }, keepalive = false) =>
    call<{ cell: CellDoc }>("PATCH", cell(id, cellId), { baseVersion, ...patch }, { keepalive }),
  saveOutputs: (id: string, cellId: string, run: { outputs: Output[]; executionCount: number | null; durationMs: number | null }) =>
    call<{ saved: true }>("PUT", `${cell(id, cellId)}/outputs`, run),
};
