// Share links, fork and .ipynb import/export through the real route handlers and database.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findSharedNotebook, readSharedFile } from "@/lib/db/shared-notebooks";
import { fixture, nbformatErrors } from "@/lib/notebook/ipynb/__tests__/ipynb-schema";
import * as notebooks from "../route";
import * as notebook from "../[id]/route";
import * as outputs from "../[id]/cells/[cellId]/outputs/route";
import * as shares from "../[id]/shares/route";
import * as share from "../[id]/shares/[shareId]/route";
import * as exportRoute from "../[id]/ipynb/route";
import * as importRoute from "../import/route";
import * as fork from "../../shares/fork/route";
import * as sharedImage from "../../../s/[token]/outputs/[cellId]/[index]/route";
import { ctx, newOwner, request } from "./request";

async function newNotebook(cookie: string) {
  const res = await notebooks.POST(
    request("POST", "/api/notebooks", { cookie, body: { title: "Shared <b>analysis</b>" } }),
    ctx({}),
  );
  return (await res.json()).notebook as { id: string; cells: { id: string }[] };
}

const importReq = (cookie: string, text: string, headers: Record<string, string> = {}) =>
  importRoute.POST(
    request("POST", "/api/notebooks/import?filename=results.ipynb", { cookie, rawBody: text, headers }),
    ctx({}),
  );

describe("share links", () => {
  it("create (only its hash stored, listed again to copy), read, fork with files, revoke → gone at once", async () => {
    const owner = newOwner();
    const reader = newOwner();
    const nb = await newNotebook(owner.cookie);
    const cellId = nb.cells[0]!.id;
    const figure = { output_type: "display_data", data: { "image/png": "iVBORw0KGgo=" }, metadata: {} };
    await outputs.PUT(
      request("PUT", "/x", { cookie: owner.cookie, body: { outputs: [figure], executionCount: 1, durationMs: 3 } }),
      ctx({ id: nb.id, cellId }),
    );
    await db.file.create({
      data: {
        notebookId: nb.id,
        path: "data/my data.csv",
        kind: "data",
        bytes: Buffer.from("a,b\n1,2\n"),
        size: 8,
        sha256: "x",
        mime: "text/csv",
      },
    });

    const created = await shares.POST(request("POST", "/x", { cookie: owner.cookie, body: {} }), ctx({ id: nb.id }));
    expect(created.status).toBe(201);
    const { token, url, link } = await created.json();
    expect(Buffer.from(token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    expect(url).toMatch(new RegExp(`/s/${token}$`));
    const row = await db.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    const list = async () =>
      (await (await shares.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id: nb.id }))).json()).links;
    // The owner sees the link again, to copy it later (the token is derived from the server's secret).
    expect(link.path).toBe(`/s/${token}`);
    expect(await list()).toEqual([link]);

    const shared = await findSharedNotebook(token);
    expect(shared?.notebook.title).toBe("Shared <b>analysis</b>");
    expect(shared?.notebook.cells[0]?.outputs).toEqual([figure]);
    expect(shared?.files).toEqual([{ path: "data/my data.csv", kind: "data", size: 8, mime: "text/csv" }]);
    expect(await new Response((await readSharedFile(token, "data/my data.csv"))!.body).text()).toBe("a,b\n1,2\n");
    expect(await readSharedFile(token, "data/other.csv")).toBeNull();
    const image = (t: string, index: string) =>
      sharedImage.GET(new Request("http://x/"), { params: Promise.resolve({ token: t, cellId, index }) });
    const png = await image(token, "0");
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await png.arrayBuffer())).toEqual(Buffer.from("iVBORw0KGgo=", "base64"));
    expect((await image(token, "1")).status).toBe(404);
    expect((await image("x".repeat(43), "0")).status).toBe(404);

    // The reader forks: a copy in their own notebooks with cells, outputs and files; the original unchanged.
    const forked = await fork.POST(request("POST", "/x", { cookie: reader.cookie, body: { token } }), ctx({}));
    expect(forked.status).toBe(201);
    const copyId = (await forked.json()).notebook.id as string;
    const copy = await (
      await notebook.GET(request("GET", "/x", { cookie: reader.cookie }), ctx({ id: copyId }))
    ).json();
    expect(copy.notebook.title).toBe("Copy of Shared <b>analysis</b>");
    expect(copy.notebook.cells[0].outputs).toEqual([figure]);
    expect(await db.file.count({ where: { notebookId: copyId, path: "data/my data.csv" } })).toBe(1);
    expect((await notebook.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id: copyId }))).status).toBe(404);
    const original = await (
      await notebook.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id: nb.id }))
    ).json();
    expect(original.notebook.title).toBe("Shared <b>analysis</b>");

    // Another owner can neither list nor revoke the links.
    expect((await shares.GET(request("GET", "/x", { cookie: reader.cookie }), ctx({ id: nb.id }))).status).toBe(404);
    expect(
      (await share.DELETE(request("DELETE", "/x", { cookie: reader.cookie }), ctx({ id: nb.id, shareId: link.id })))
        .status,
    ).toBe(404);
    expect(await findSharedNotebook(token)).not.toBeNull();

    const revoked = await share.DELETE(
      request("DELETE", "/x", { cookie: owner.cookie }),
      ctx({ id: nb.id, shareId: link.id }),
    );
    expect((await revoked.json()).link.revokedAt).not.toBeNull();
    expect(await findSharedNotebook(token)).toBeNull();
    expect(await list()).toEqual([{ ...link, revokedAt: expect.any(String), path: null }]);
    // A link made before tokens were derived (random, only its hash known) is listed without a path.
    const legacy = await db.shareLink.create({
      data: { notebookId: nb.id, tokenHash: createHash("sha256").update("r".repeat(43)).digest("hex") },
    });
    expect((await list()).find((l: { id: string }) => l.id === legacy.id)).toMatchObject({
      path: null,
      revokedAt: null,
    });
    expect(await readSharedFile(token, "data/my data.csv")).toBeNull();
    expect((await image(token, "0")).status).toBe(404);
    expect((await fork.POST(request("POST", "/x", { cookie: reader.cookie, body: { token } }), ctx({}))).status).toBe(
      404,
    );
    // Revoking again is harmless; a new link works.
    expect(
      (await share.DELETE(request("DELETE", "/x", { cookie: owner.cookie }), ctx({ id: nb.id, shareId: link.id })))
        .status,
    ).toBe(200);
    const second = await (
      await shares.POST(request("POST", "/x", { cookie: owner.cookie, body: {} }), ctx({ id: nb.id }))
    ).json();
    expect(await findSharedNotebook(second.token)).not.toBeNull();
  });

  it("malformed and unknown tokens find nothing", async () => {
    for (const t of ["", "short", "x".repeat(43), "../../etc/passwd", "%00"])
      expect(await findSharedNotebook(t)).toBeNull();
    const { cookie } = newOwner();
    const res = await fork.POST(request("POST", "/x", { cookie, body: { token: "nope" } }), ctx({}));
    expect(res.status).toBe(404);
    expect((await fork.POST(request("POST", "/x", { cookie, body: {} }), ctx({}))).status).toBe(400);
  });
});

describe(".ipynb through the routes", () => {
  it("a re-imported notebook is named '(imported)', then '(imported 2)'; another owner's titles do not count", async () => {
    const { cookie } = newOwner();
    const file = fixture("every-output.v4.5.ipynb");
    const titleOf = async (res: Response) => {
      const { id } = (await res.json()).notebook;
      return (await (await notebook.GET(request("GET", "/x", { cookie }), ctx({ id }))).json()).notebook.title;
    };
    expect(await titleOf(await importReq(cookie, file))).toBe("Every output");
    expect(await titleOf(await importReq(cookie, file))).toBe("Every output (imported)");
    expect(await titleOf(await importReq(cookie, file))).toBe("Every output (imported 2)");
    const other = newOwner();
    const res = await importReq(other.cookie, file);
    const { id } = (await res.json()).notebook;
    const got = await (await notebook.GET(request("GET", "/x", { cookie: other.cookie }), ctx({ id }))).json();
    expect(got.notebook.title).toBe("Every output");
  });

  it("import → export round trip is valid nbformat 4.5 and keeps every output type", async () => {
    const { cookie } = newOwner();
    const file = fixture("every-output.v4.5.ipynb");
    const res = await importReq(cookie, file);
    expect(res.status).toBe(201);
    const { id } = (await res.json()).notebook;
    const got = await (await notebook.GET(request("GET", "/x", { cookie }), ctx({ id }))).json();
    expect(got.notebook.title).toBe("Every output");
    expect(got.notebook.cells.map((c: { kind: string }) => c.kind)).toEqual([
      "markdown",
      "raw",
      "code",
      "code",
      "code",
      "code",
      "code",
      "code",
      "code",
    ]);
    // The markdown cell's image attachment reaches the page as a data: URL (attachment:dot.png).
    expect(got.notebook.cells[0].attachments).toEqual({
      "dot.png": `data:image/png;base64,${JSON.parse(file).cells[0].attachments["dot.png"]["image/png"]}`,
    });
    expect(got.notebook.cells[1].attachments).toBeUndefined();
    const exported = await exportRoute.GET(request("GET", "/x", { cookie }), ctx({ id }));
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="Every output.ipynb"');
    const nb = await exported.json();
    expect(nbformatErrors(nb)).toEqual([]);
    const original = JSON.parse(file);
    expect(nb.cells.map((c: { id: string }) => c.id)).toEqual(original.cells.map((c: { id: string }) => c.id));
    expect(nb.cells[0].attachments).toEqual(original.cells[0].attachments);
    expect(nb.cells[2].metadata).toEqual(original.cells[2].metadata);
    expect(nb.cells[7].outputs[0]).toMatchObject({ output_type: "error", ename: "ZeroDivisionError" });
  });

  it("bad files: 400 malformed, 422 nbformat 3, 413 huge, 415 wrong type — and nothing is created", async () => {
    const { id: ownerId, cookie } = newOwner();
    const malformed = await importReq(cookie, '{"nbformat": 4, "cells": [');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/not valid JSON/);
    const v3 = await importReq(cookie, fixture("old.v3.ipynb"));
    expect(v3.status).toBe(422);
    expect((await v3.json()).error.message).toMatch(/nbformat 3/);
    const badCell = await importReq(
      cookie,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 4,
        metadata: {},
        cells: [
          { cell_type: "code", metadata: {}, source: "", outputs: [], execution_count: null },
          { cell_type: "spreadsheet", source: "" },
        ],
      }),
    );
    expect(badCell.status).toBe(400);
    const huge = await importReq(
      cookie,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [{ cell_type: "raw", metadata: {}, source: "x".repeat(51 * 1024 * 1024) }],
      }),
    );
    expect(huge.status).toBe(413);
    const text = await importReq(cookie, "{}", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    expect(await db.notebook.count({ where: { ownerId } })).toBe(0);
    // NUL characters (binary printed by a cell) are kept (lib/db/text-codec.ts), not a 500.
    const nul = await importReq(
      cookie,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          {
            id: "a",
            cell_type: "code",
            metadata: {},
            source: "print('\u0000')",
            outputs: [{ output_type: "stream", name: "stdout", text: "\u0000\n" }],
            execution_count: 1,
          },
        ],
      }),
    );
    expect(nul.status).toBe(201);
    expect(await db.notebook.count({ where: { ownerId } })).toBe(1);
  });
});
