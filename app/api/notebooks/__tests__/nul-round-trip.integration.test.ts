// Issue 15 item 1: what Python prints is stored exactly. NUL, lone surrogates and the codec's own
// escape character survive every write and read through the real route handlers and PostgreSQL:
// titles, sources (Prisma and the pool's one-statement edit), outputs with odd MIME keys, the
// share page's read, .ipynb export and import (metadata keys included).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findSharedNotebook } from "@/lib/db/shared-notebooks";
import { ESC } from "@/lib/db/text-codec";
import * as notebooks from "../route";
import * as notebook from "../[id]/route";
import * as cells from "../[id]/cells/route";
import * as cell from "../[id]/cells/[cellId]/route";
import * as outputs from "../[id]/cells/[cellId]/outputs/route";
import * as shares from "../[id]/shares/route";
import * as exportRoute from "../[id]/ipynb/route";
import * as importRoute from "../import/route";
import { ctx, newOwner, request } from "./request";

// What a cell printing bytes(2).decode() and a broken UTF-16 string produces, plus the escape itself.
const ODD = `a\u0000b \uD800 ${ESC}0000 \uDC00z 😀`;

describe("NUL and lone surrogates round-trip through storage", () => {
  it("titles, sources, outputs, share read and .ipynb export keep every code point", async () => {
    const { cookie } = newOwner();
    const created = await notebooks.POST(request("POST", "/x", { cookie, body: { title: `T ${ODD}` } }), ctx({}));
    expect(created.status).toBe(201);
    const nb = (await created.json()).notebook as { id: string; title: string; cells: { id: string }[] };
    expect(nb.title).toBe(`T ${ODD}`);
    const renamed = await notebook.PATCH(
      request("PATCH", "/x", { cookie, body: { title: `R ${ODD}` } }),
      ctx({ id: nb.id }),
    );
    expect(renamed.status).toBe(200);

    const inserted = await cells.POST(
      request("POST", "/x", { cookie, body: { index: 1, source: `print(${ODD})` } }),
      ctx({ id: nb.id }),
    );
    expect(inserted.status).toBe(201);
    const insertedCell = (await inserted.json()).cell as { id: string; source: string; version: number };
    expect(insertedCell.source).toBe(`print(${ODD})`);
    const edited = await cell.PATCH(
      request("PATCH", "/x", { cookie, body: { baseVersion: insertedCell.version, source: `edit ${ODD}` } }),
      ctx({ id: nb.id, cellId: insertedCell.id }),
    );
    expect(edited.status).toBe(200);
    expect((await edited.json()).cell.source).toBe(`edit ${ODD}`);

    const printed = [
      { output_type: "stream", name: "stdout", text: `${ODD}\n` },
      { output_type: "display_data", data: { "text/plain": ODD }, metadata: { [`k${ODD}`]: ODD } },
    ];
    const saved = await outputs.PUT(
      request("PUT", "/x", { cookie, body: { outputs: printed, executionCount: 1, durationMs: 2 } }),
      ctx({ id: nb.id, cellId: insertedCell.id }),
    );
    expect(saved.status).toBe(200);

    const got = (await (await notebook.GET(request("GET", "/x", { cookie }), ctx({ id: nb.id }))).json()).notebook;
    expect(got.title).toBe(`R ${ODD}`);
    expect(got.cells[1].source).toBe(`edit ${ODD}`);
    expect(got.cells[1].outputs).toEqual(printed);
    // Stored encoded, never as something else: the raw column holds the escapes, not U+FFFD.
    const row = await db.$queryRawUnsafe<{ source: string }[]>(
      `SELECT source FROM "Cell" WHERE id = $1::uuid`,
      insertedCell.id,
    );
    expect(row[0]!.source).toBe(`edit ${ODD}`);

    const link = await shares.POST(request("POST", "/x", { cookie, body: {} }), ctx({ id: nb.id }));
    const { token } = await link.json();
    const shared = await findSharedNotebook(token);
    expect(shared?.notebook.title).toBe(`R ${ODD}`);
    expect(shared?.notebook.cells[1]?.outputs).toEqual(printed);

    const exported = await exportRoute.GET(request("GET", "/x", { cookie }), ctx({ id: nb.id }));
    expect(exported.status).toBe(200);
    const ipynb = JSON.parse(await exported.text());
    expect(ipynb.cells[1].source.join("")).toBe(`edit ${ODD}`);
    expect(ipynb.cells[1].outputs[1].metadata).toEqual({ [`k${ODD}`]: ODD });
  });

  it(".ipynb import keeps NUL in values, metadata keys, attachment names and MIME keys", async () => {
    const { cookie } = newOwner();
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { [`m${ODD}`]: ODD },
      cells: [
        {
          id: "a",
          cell_type: "markdown",
          metadata: { [`c${ODD}`]: 1 },
          source: `x ${ODD}`,
          attachments: { [`img${ODD}.png`]: { "image/png": "iVBORw0KGgo=" } },
        },
        {
          id: "b",
          cell_type: "code",
          metadata: {},
          source: "print(1)",
          outputs: [{ output_type: "display_data", data: { [`text/x-${ODD}`]: ODD }, metadata: {} }],
          execution_count: 1,
        },
      ],
    });
    const res = await importRoute.POST(
      request("POST", "/api/notebooks/import?filename=n.ipynb", { cookie, rawBody: text }),
      ctx({}),
    );
    expect(res.status).toBe(201);
    const id = (await res.json()).notebook.id as string;
    const exported = JSON.parse(await (await exportRoute.GET(request("GET", "/x", { cookie }), ctx({ id }))).text());
    expect(exported.metadata[`m${ODD}`]).toBe(ODD);
    expect(exported.cells[0].source.join("")).toBe(`x ${ODD}`);
    expect(exported.cells[0].metadata[`c${ODD}`]).toBe(1);
    expect(Object.keys(exported.cells[0].attachments)).toEqual([`img${ODD}.png`]);
    // Export writes text MIME values as nbformat's multiline arrays.
    expect(Object.keys(exported.cells[1].outputs[0].data)).toEqual([`text/x-${ODD}`]);
    expect([exported.cells[1].outputs[0].data[`text/x-${ODD}`]].flat().join("")).toBe(ODD);
  });
});
