import { createHash } from "node:crypto";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import * as notebooks from "../route";
import * as list from "../[id]/files/route";
import * as file from "../[id]/files/[...path]/route";
import { csrfHeaderFrom, ctx, newOwner, request } from "./request";

async function createNotebook(cookie: string): Promise<string> {
  const res = await notebooks.POST(request("POST", "/api/notebooks", { cookie, body: {} }), ctx({}));
  return ((await res.json()) as { notebook: { id: string } }).notebook.id;
}

function put(
  cookie: string,
  id: string,
  path: string[],
  body: Uint8Array | string,
  query = "",
  headers: Record<string, string> = {},
) {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const req = new NextRequest(
    new URL(`/api/notebooks/${id}/files/${path.join("/")}${query}`, "http://localhost:3000"),
    {
      method: "PUT",
      headers: {
        cookie,
        "x-pylot-csrf": csrfHeaderFrom(cookie) ?? "",
        "content-type": "application/octet-stream",
        "content-length": String(bytes.length),
        ...headers,
      },
      body: bytes as Uint8Array<ArrayBuffer>,
    },
  );
  return file.PUT(req, ctx({ id, path }));
}
const get = (cookie: string, id: string, path: string[], query = "", headers: Record<string, string> = {}) =>
  file.GET(
    request("GET", `/api/notebooks/${id}/files/${path.join("/")}${query}`, { cookie, headers }),
    ctx({ id, path }),
  );

const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

afterEach(() => {
  delete process.env.PYLOT_MAX_FILE_BYTES;
});

describe("file routes", () => {
  it("upload, list, download (bytes, headers), preview, replace prompt, delete", async () => {
    const owner = newOwner();
    const id = await createNotebook(owner.cookie);
    const csv = 'region,sales\nnorth,10\n"south, east",20\n';
    const created = await put(owner.cookie, id, ["data", "sales.csv"], csv);
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body.file).toMatchObject({
      path: "data/sales.csv",
      kind: "data",
      size: csv.length,
      sha256: sha(csv),
      mime: "text/csv",
    });

    const listed = await (await list.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id }))).json();
    expect(listed.files.map((f: { path: string }) => f.path)).toEqual(["data/sales.csv"]);
    expect(listed.maxFileBytes).toBe(50 * 1024 * 1024);

    const dl = await get(owner.cookie, id, ["data", "sales.csv"]);
    expect(dl.status).toBe(200);
    expect(await dl.text()).toBe(csv);
    expect(dl.headers.get("content-disposition")).toMatch(/^attachment; filename="sales.csv"/);
    expect(dl.headers.get("content-type")).toBe("text/csv");
    expect(dl.headers.get("x-content-type-options")).toBe("nosniff");
    expect(dl.headers.get("content-security-policy")).toContain("sandbox");
    // Revalidation by ETag (a kernel restart re-reads files for a 304).
    const again = await get(owner.cookie, id, ["data", "sales.csv"], "", { "if-none-match": dl.headers.get("etag")! });
    expect(again.status).toBe(304);

    const preview = await (await get(owner.cookie, id, ["data", "sales.csv"], "?view=preview")).json();
    expect(preview.preview).toEqual({
      kind: "table",
      rows: [
        ["region", "sales"],
        ["north", "10"],
        ["south, east", "20"],
      ],
      truncated: false,
      notUtf8: false,
    });

    // Same name again: 409 naming the existing file; with ?replace=1 it is overwritten.
    const clash = await put(owner.cookie, id, ["data", "sales.csv"], "new");
    expect(clash.status).toBe(409);
    expect((await clash.json()).error).toMatchObject({
      code: "conflict",
      reason: "file_exists",
      file: { path: "data/sales.csv" },
    });
    const replaced = await put(owner.cookie, id, ["data", "sales.csv"], "new", "?replace=1");
    expect(replaced.status).toBe(200);
    expect((await replaced.json()).replaced).toBe(true);
    expect(await (await get(owner.cookie, id, ["data", "sales.csv"])).text()).toBe("new");

    expect(
      (await file.DELETE(request("DELETE", "/x", { cookie: owner.cookie }), ctx({ id, path: ["data", "sales.csv"] })))
        .status,
    ).toBe(200);
    expect((await get(owner.cookie, id, ["data", "sales.csv"])).status).toBe(404);
    expect(
      (await file.DELETE(request("DELETE", "/x", { cookie: owner.cookie }), ctx({ id, path: ["data", "sales.csv"] })))
        .status,
    ).toBe(404);
  });

  it("an empty file, a non-UTF-8 text file, a PNG and an HTML file", async () => {
    const owner = newOwner();
    const id = await createNotebook(owner.cookie);
    const empty = await put(owner.cookie, id, ["data", "empty.txt"], new Uint8Array(0));
    expect(empty.status).toBe(201);
    expect((await empty.json()).file).toMatchObject({ size: 0, sha256: sha("") });
    expect((await (await get(owner.cookie, id, ["data", "empty.txt"])).arrayBuffer()).byteLength).toBe(0);

    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café\n" in Latin-1
    expect((await put(owner.cookie, id, ["data", "latin1.txt"], latin1)).status).toBe(201);
    expect(new Uint8Array(await (await get(owner.cookie, id, ["data", "latin1.txt"])).arrayBuffer())).toEqual(latin1);
    const preview = await (await get(owner.cookie, id, ["data", "latin1.txt"], "?view=preview")).json();
    expect(preview.preview).toMatchObject({ kind: "text", text: "caf\ufffd\n", notUtf8: true });

    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await put(owner.cookie, id, ["output", "chart.png"], png);
    const inline = await get(owner.cookie, id, ["output", "chart.png"], "?view=inline");
    expect(inline.headers.get("content-type")).toBe("image/png");
    expect(inline.headers.get("content-disposition")).toMatch(/^inline/);

    // HTML is never served inline in our origin, even when asked.
    await put(owner.cookie, id, ["data", "page.html"], "<script>alert(1)</script>");
    const html = await get(owner.cookie, id, ["data", "page.html"], "?view=inline");
    expect(html.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(html.headers.get("content-type")).toBe("application/octet-stream");
    const listed = await (await list.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id }))).json();
    expect(listed.files.map((f: { path: string; kind: string }) => `${f.kind}:${f.path}`)).toEqual([
      "data:data/empty.txt",
      "data:data/latin1.txt",
      "data:data/page.html",
      "output:output/chart.png",
    ]);
  });

  it("refuses names that escape data/ with 400", async () => {
    const owner = newOwner();
    const id = await createNotebook(owner.cookie);
    const bad: string[][] = [
      ["data", "..", "etc", "passwd"],
      ["..", "secret.csv"],
      ["data", ""],
      ["", "etc", "passwd"],
      ["etc", "passwd"],
      ["data", "a\0b.csv"],
      ["data", "new\nline.csv"],
      ["data", "tab\t.csv"],
      ["data", "x".repeat(300)],
      ["data", "..\\..\\win.csv"],
      ["data", "."],
    ];
    for (const path of bad) {
      const res = await put(owner.cookie, id, path, "x");
      expect(res.status, JSON.stringify(path)).toBe(400);
      const err = (await res.json()).error;
      expect(err.code).toBe("bad_request");
      expect(err.message).toMatch(/^Refused file name: /);
    }
    const listed = await (await list.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id }))).json();
    expect(listed.files).toEqual([]);
    // A sub folder and a non-ASCII name are fine.
    expect((await put(owner.cookie, id, ["data", "sub", "données ü.csv"], "a\n")).status).toBe(201);
  });

  it("refuses a save from the kernel outside output/ with 403, and keeps the input", async () => {
    const owner = newOwner();
    const id = await createNotebook(owner.cookie);
    expect((await put(owner.cookie, id, ["data", "input.csv"], "real")).status).toBe(201);
    const forged = await put(owner.cookie, id, ["data", "input.csv"], "forged", "?replace=1&from=kernel");
    expect(forged.status).toBe(403);
    expect((await forged.json()).error).toMatchObject({ code: "forbidden" });
    expect(await (await get(owner.cookie, id, ["data", "input.csv"])).text()).toBe("real");
    // Under output/ the kernel's save goes through; a person may still replace their own input.
    expect((await put(owner.cookie, id, ["output", "r.txt"], "r", "?replace=1&from=kernel")).status).toBe(201);
    expect((await put(owner.cookie, id, ["data", "input.csv"], "new", "?replace=1")).status).toBe(200);
    expect((await put(owner.cookie, id, ["data", "x.csv"], "x", "?from=python")).status).toBe(400);
  });

  it("answers 413 with a message above the size limit, by Content-Length and while streaming", async () => {
    process.env.PYLOT_MAX_FILE_BYTES = "1000";
    const owner = newOwner();
    const id = await createNotebook(owner.cookie);
    const big = new Uint8Array(1001);
    const declared = await put(owner.cookie, id, ["data", "big.bin"], big);
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toMatchObject({ code: "payload_too_large", maxBytes: 1000 });
    // Content-Length lies: the stream is counted too.
    const lying = await put(owner.cookie, id, ["data", "big.bin"], big, "", { "content-length": "10" });
    expect(lying.status).toBe(413);
    expect((await lying.json()).error.message).toMatch(/larger than the limit of 1000 B per file/);
    expect((await put(owner.cookie, id, ["data", "ok.bin"], new Uint8Array(1000))).status).toBe(201);
    const listed = await (await list.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id }))).json();
    expect(listed.files.map((f: { path: string }) => f.path)).toEqual(["data/ok.bin"]);
  });

  it("another owner gets 404 on every file route and a missing cookie 401", async () => {
    const owner = newOwner();
    const stranger = newOwner();
    const id = await createNotebook(owner.cookie);
    await put(owner.cookie, id, ["data", "mine.csv"], "a,b\n");
    const calls = [
      () => list.GET(request("GET", "/x", { cookie: stranger.cookie }), ctx({ id })),
      () => get(stranger.cookie, id, ["data", "mine.csv"]),
      () => get(stranger.cookie, id, ["data", "mine.csv"], "?view=preview"),
      () => put(stranger.cookie, id, ["data", "mine.csv"], "overwrite", "?replace=1"),
      () => put(stranger.cookie, id, ["data", "theirs.csv"], "new"),
      () => file.DELETE(request("DELETE", "/x", { cookie: stranger.cookie }), ctx({ id, path: ["data", "mine.csv"] })),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(404);
    }
    expect((await list.GET(request("GET", "/x"), ctx({ id }))).status).toBe(401);
    expect(await (await get(owner.cookie, id, ["data", "mine.csv"])).text()).toBe("a,b\n");
    const listed = await (await list.GET(request("GET", "/x", { cookie: owner.cookie }), ctx({ id }))).json();
    expect(listed.files.map((f: { path: string }) => f.path)).toEqual(["data/mine.csv"]);
  });
});
