import { describe, expect, it } from "vitest";
import * as notebooks from "../route";
import * as notebook from "../[id]/route";
import * as cells from "../[id]/cells/route";
import * as order from "../[id]/cells/order/route";
import * as cell from "../[id]/cells/[cellId]/route";
import * as outputs from "../[id]/cells/[cellId]/outputs/route";
import { ctx, newOwner, request } from "./request";

async function createNotebook(cookie: string) {
  const res = await notebooks.POST(request("POST", "/api/notebooks", { cookie, body: { title: "T" } }), ctx({}));
  expect(res.status).toBe(201);
  return (await res.json()).notebook as { id: string; cells: { id: string; version: number }[] };
}

describe("notebook routes", () => {
  it("create, list, get, rename, delete for the owner", async () => {
    const owner = newOwner();
    const nb = await createNotebook(owner.cookie);
    expect(nb.cells).toHaveLength(1);
    const list = await (
      await notebooks.GET(request("GET", "/api/notebooks", { cookie: owner.cookie }), ctx({}))
    ).json();
    expect(list.notebooks.map((n: { id: string }) => n.id)).toEqual([nb.id]);
    const renamed = await notebook.PATCH(
      request("PATCH", `/x`, { cookie: owner.cookie, body: { title: "  New  " } }),
      ctx({ id: nb.id }),
    );
    expect(await renamed.json()).toEqual({ id: nb.id, title: "New" });
    const got = await (await notebook.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id: nb.id }))).json();
    expect(got.notebook.title).toBe("New");
    expect((await notebook.DELETE(request("DELETE", "/x", { cookie: owner.cookie }), ctx({ id: nb.id }))).status).toBe(
      200,
    );
    expect((await notebook.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id: nb.id }))).status).toBe(404);
  });

  it("every route answers another owner with 404 and a missing cookie with 401", async () => {
    const owner = newOwner();
    const stranger = newOwner();
    const nb = await createNotebook(owner.cookie);
    const cellId = nb.cells[0]!.id;
    const calls = [
      () => notebook.GET(request("GET", "/x", { cookie: stranger.cookie }), ctx({ id: nb.id })),
      () =>
        notebook.PATCH(request("PATCH", "/x", { cookie: stranger.cookie, body: { title: "x" } }), ctx({ id: nb.id })),
      () => notebook.DELETE(request("DELETE", "/x", { cookie: stranger.cookie }), ctx({ id: nb.id })),
      () => cells.POST(request("POST", "/x", { cookie: stranger.cookie, body: { index: 0 } }), ctx({ id: nb.id })),
      () =>
        order.PUT(request("PUT", "/x", { cookie: stranger.cookie, body: { cellIds: [cellId] } }), ctx({ id: nb.id })),
      () =>
        cell.PATCH(
          request("PATCH", "/x", { cookie: stranger.cookie, body: { baseVersion: 1, source: "x" } }),
          ctx({ id: nb.id, cellId }),
        ),
      () => cell.DELETE(request("DELETE", "/x", { cookie: stranger.cookie }), ctx({ id: nb.id, cellId })),
      () =>
        outputs.PUT(
          request("PUT", "/x", { cookie: stranger.cookie, body: { outputs: [], executionCount: 1, durationMs: 1 } }),
          ctx({ id: nb.id, cellId }),
        ),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    const anon = await notebook.GET(request("GET", "/x"), ctx({ id: nb.id }));
    expect(anon.status).toBe(401);
    const forged = await notebook.GET(
      request("GET", "/x", { cookie: `pylot_owner=${owner.id}.forgedsignature` }),
      ctx({ id: nb.id }),
    );
    expect(forged.status).toBe(401);
    // The owner's notebook is untouched.
    const mine = await (await notebook.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id: nb.id }))).json();
    expect(mine.notebook.title).toBe("T");
    expect(mine.notebook.cells).toHaveLength(1);
  });

  it("cells: insert at index, edit with versions, conflict, reorder, outputs, delete", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const first = nb.cells[0]!;
    const add = async (index: number, source: string) =>
      (await (await cells.POST(request("POST", "/x", { cookie, body: { index, source } }), ctx({ id: nb.id }))).json())
        .cell;
    const c2 = await add(1, "two");
    const c0 = await add(0, "zero");
    const get = async () =>
      (await (await notebook.GET(request("GET", "/x", { cookie }), ctx({ id: nb.id }))).json()).notebook;
    expect((await get()).cells.map((c: { source: string }) => c.source)).toEqual(["zero", "", "two"]);

    const edit = (id: string, baseVersion: number, source: string) =>
      cell.PATCH(request("PATCH", "/x", { cookie, body: { baseVersion, source } }), ctx({ id: nb.id, cellId: id }));
    const ok = await edit(first.id, 1, "one");
    expect((await ok.json()).cell.version).toBe(2);
    const conflict = await edit(first.id, 1, "stale");
    expect(conflict.status).toBe(409);
    const body = await conflict.json();
    expect(body.error.cell.source).toBe("one");
    expect(body.error.cell.version).toBe(2);
    const toMarkdown = await cell.PATCH(
      request("PATCH", "/x", { cookie, body: { baseVersion: 2, kind: "markdown" } }),
      ctx({ id: nb.id, cellId: first.id }),
    );
    expect((await toMarkdown.json()).cell).toMatchObject({ kind: "markdown", source: "one", version: 3 });
    const badKind = await cell.PATCH(
      request("PATCH", "/x", { cookie, body: { baseVersion: 3, kind: "sql" } }),
      ctx({ id: nb.id, cellId: first.id }),
    );
    expect(badKind.status).toBe(400);
    const unknownCell = await edit(crypto.randomUUID(), 1, "x");
    expect(unknownCell.status).toBe(404);
    const back = await cell.PATCH(
      request("PATCH", "/x", { cookie, body: { baseVersion: 3, kind: "code" } }),
      ctx({ id: nb.id, cellId: first.id }),
    );
    expect((await back.json()).cell.version).toBe(4);

    const reordered = await order.PUT(
      request("PUT", "/x", { cookie, body: { cellIds: [c2.id, first.id, c0.id] } }),
      ctx({ id: nb.id }),
    );
    expect(reordered.status).toBe(200);
    expect((await get()).cells.map((c: { source: string }) => c.source)).toEqual(["two", "one", "zero"]);
    const partial = await order.PUT(
      request("PUT", "/x", { cookie, body: { cellIds: [c2.id, first.id] } }),
      ctx({ id: nb.id }),
    );
    expect(partial.status).toBe(409);
    const dup = await order.PUT(
      request("PUT", "/x", { cookie, body: { cellIds: [c2.id, c2.id, c0.id] } }),
      ctx({ id: nb.id }),
    );
    expect(dup.status).toBe(400);

    const out = [
      { output_type: "stream", name: "stdout", text: "hi\n" },
      { output_type: "execute_result", execution_count: 3, data: { "text/plain": "42" }, metadata: {} },
    ];
    const saved = await outputs.PUT(
      request("PUT", "/x", { cookie, body: { outputs: out, executionCount: 3, durationMs: 12 } }),
      ctx({ id: nb.id, cellId: first.id }),
    );
    expect(saved.status).toBe(200);
    const badOutput = await outputs.PUT(
      request("PUT", "/x", { cookie, body: { outputs: [{ output_type: "nope" }], executionCount: 1, durationMs: 1 } }),
      ctx({ id: nb.id, cellId: first.id }),
    );
    expect(badOutput.status).toBe(400);

    expect((await cell.DELETE(request("DELETE", "/x", { cookie }), ctx({ id: nb.id, cellId: c0.id }))).status).toBe(
      200,
    );
    const after = await get();
    expect(after.cells.map((c: { source: string }) => c.source)).toEqual(["two", "one"]);
    expect(after.cells[1].outputs).toEqual(out);
    expect(after.cells[1].executionCount).toBe(3);
    expect((await edit(c0.id, 1, "gone")).status).toBe(404);
  });

  it("bad input: malformed JSON, wrong content type, bad ids, unknown fields, oversized bodies, cross-site writes", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const cases: [Promise<Response>, number, RegExp][] = [
      [notebooks.POST(request("POST", "/x", { cookie, rawBody: "{oops" }), ctx({})), 400, /not valid JSON/],
      [
        notebooks.POST(
          request("POST", "/x", { cookie, rawBody: "{}", headers: { "content-type": "text/plain" } }),
          ctx({}),
        ),
        415,
        /application\/json/,
      ],
      [
        notebooks.POST(request("POST", "/x", { cookie, body: { title: "x", admin: true } }), ctx({})),
        400,
        /Invalid request/,
      ],
      [notebooks.POST(request("POST", "/x", { cookie, body: { title: "" } }), ctx({})), 400, /title/],
      [notebook.GET(request("GET", "/x", { cookie }), ctx({ id: "../../etc" })), 404, /No such notebook/],
      [cells.POST(request("POST", "/x", { cookie, body: { index: 1.5 } }), ctx({ id: nb.id })), 400, /index/],
      [
        cell.PATCH(
          request("PATCH", "/x", { cookie, body: { baseVersion: 1 } }),
          ctx({ id: nb.id, cellId: nb.cells[0]!.id }),
        ),
        400,
        /Nothing to change/,
      ],
      [
        notebook.PATCH(
          request("PATCH", "/x", { cookie, rawBody: JSON.stringify({ title: "a".repeat(1_100_000) }) }),
          ctx({ id: nb.id }),
        ),
        413,
        /larger than the limit/,
      ],
      [
        notebooks.POST(
          request("POST", "/x", { cookie, body: {}, headers: { "sec-fetch-site": "cross-site" } }),
          ctx({}),
        ),
        403,
        /Cross-site/,
      ],
      [
        notebooks.POST(request("POST", "/x", { cookie, body: {}, headers: { origin: "null" } }), ctx({})),
        403,
        /opaque origin/,
      ],
    ];
    for (const [promise, status, message] of cases) {
      const res = await promise;
      const body = await res.json();
      expect({ status: res.status, message: body.error.message }).toMatchObject({
        status,
        message: expect.stringMatching(message),
      });
    }
  });
});
