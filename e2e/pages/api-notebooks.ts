// Notebooks set up through the API as the page itself would (cookie + double-submit token), for
// tests about how pages look rather than how they were filled.
import { expect, type Page } from "@playwright/test";
import { csrfHeaders } from "../support/api";

export interface ApiNotebook {
  id: string;
  cellIds: string[];
}

/** Creates a notebook for the page's owner (the page must have been opened once for the cookies). */
export async function createNotebook(page: Page, title: string): Promise<ApiNotebook> {
  const headers = await csrfHeaders(page.context());
  const res = await page.request.post("/api/notebooks", { headers, data: { title } });
  expect(res.status()).toBe(201);
  const { notebook } = (await res.json()) as { notebook: { id: string; cells: { id: string }[] } };
  return { id: notebook.id, cellIds: notebook.cells.map((c) => c.id) };
}

/** Sets the source of a fresh cell (version 1) and gives it a stdout output. */
export async function fillCell(page: Page, nb: ApiNotebook, index: number, source: string, stdout: string) {
  const headers = await csrfHeaders(page.context());
  const url = `/api/notebooks/${nb.id}/cells/${nb.cellIds[index]}`;
  const edit = await page.request.patch(url, { headers, data: { baseVersion: 1, source } });
  expect(edit.ok()).toBe(true);
  const out = await page.request.put(`${url}/outputs`, {
    headers,
    data: { outputs: [{ output_type: "stream", name: "stdout", text: stdout }], executionCount: 1, durationMs: 1 },
  });
  expect(out.ok()).toBe(true);
}

/** A new share link's full URL. */
export async function shareNotebook(page: Page, nb: ApiNotebook): Promise<string> {
  const headers = await csrfHeaders(page.context());
  const res = await page.request.post(`/api/notebooks/${nb.id}/shares`, { headers, data: {} });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { url: string }).url;
}
