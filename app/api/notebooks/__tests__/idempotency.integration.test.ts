// Issue 15 item 2: a write retried with the same Idempotency-Key (its first reply lost) gets the
// first answer again, through the real route handlers and database: no false 409 on an edit, no
// second cell on an insert; the same key on another request and a malformed key are refused.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import * as notebooks from "../route";
import * as cells from "../[id]/cells/route";
import * as cell from "../[id]/cells/[cellId]/route";
import * as outputs from "../[id]/cells/[cellId]/outputs/route";
import { ctx, newOwner, request } from "./request";

async function newNotebook(cookie: string) {
  const res = await notebooks.POST(request("POST", "/api/notebooks", { cookie, body: {} }), ctx({}));
  return (await res.json()).notebook as { id: string; cells: { id: string; version: number }[] };
}

const key = (k: string) => ({ "idempotency-key": k });

describe("idempotency keys on writes", () => {
  it("a retried cell edit whose first attempt landed returns the stored cell, not a 409", async () => {
    const { cookie } = newOwner();
    const nb = await newNotebook(cookie);
    const c = nb.cells[0]!;
    const edit = (k: string | null, source: string) =>
      cell.PATCH(
        request("PATCH", `/api/notebooks/${nb.id}/cells/${c.id}`, {
          cookie,
          body: { baseVersion: c.version, source },
          headers: k ? key(k) : {},
        }),
        ctx({ id: nb.id, cellId: c.id }),
      );
    const first = await edit("edit-key-0001", "x = 1");
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    const retry = await edit("edit-key-0001", "x = 1");
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(firstBody);
    // The edit was applied once, and a different write on the old version is still a conflict.
    const row = await db.cell.findUniqueOrThrow({ where: { id: c.id }, select: { version: true, source: true } });
    expect(row).toEqual({ version: c.version + 1, source: "x = 1" });
    expect((await edit("edit-key-0002", "x = 2")).status).toBe(409);
    expect((await edit(null, "x = 3")).status).toBe(409);
  });

  it("a retried insert creates one cell; a key reused on another request is 422; a bad key is 400", async () => {
    const { cookie } = newOwner();
    const nb = await newNotebook(cookie);
    const insert = (k: string) =>
      cells.POST(
        request("POST", `/api/notebooks/${nb.id}/cells`, { cookie, body: { index: 1 }, headers: key(k) }),
        ctx({ id: nb.id }),
      );
    const a = await insert("insert-key-1");
    const b = await insert("insert-key-1");
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect((await b.json()).cell.id).toBe((await a.json()).cell.id);
    expect(await db.cell.count({ where: { notebookId: nb.id } })).toBe(2);

    const reused = await outputs.PUT(
      request("PUT", `/x`, {
        cookie,
        body: { outputs: [], executionCount: 1, durationMs: 1 },
        headers: key("insert-key-1"),
      }),
      ctx({ id: nb.id, cellId: nb.cells[0]!.id }),
    );
    expect(reused.status).toBe(422);
    const bad = await insert("short");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/Idempotency-Key/);
    // Keys are per owner: another owner's same key is not a replay (and finds no notebook).
    const stranger = newOwner();
    const theirs = await cells.POST(
      request("POST", `/x`, { cookie: stranger.cookie, body: { index: 1 }, headers: key("insert-key-1") }),
      ctx({ id: nb.id }),
    );
    expect(theirs.status).toBe(404);
  });
});
