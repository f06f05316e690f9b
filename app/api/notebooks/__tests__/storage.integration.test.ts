// Storage (issue 14 item 4): files stored in parts as they stream in and read back whole (download,
// share link, fork), files stored before the parts existed still whole, and the per-owner quota:
// a clear 413 naming what to delete, nothing stored, replacing frees space, two uploads at once
// cannot both take the last free space.
import { createHash, randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { forkSharedNotebook, readSharedFile } from "@/lib/db/shared-notebooks";
import { createOwnedShareLink } from "@/lib/db/share-links";
import { FILE_CHUNK_BYTES } from "@/lib/files/chunk-size";
import { migrateDeploy } from "@/scripts/db/migrate";
import { MIGRATIONS_DIR } from "@/scripts/db/migrations-dir";
import * as notebooks from "../route";
import * as file from "../[id]/files/[...path]/route";
import * as sharedFile from "../../../s/[token]/files/[...path]/route";
import { csrfHeaderFrom, ctx, newOwner, request } from "./request";

const databaseUrl = inject("databaseUrl");
const client = new pg.Client({ connectionString: databaseUrl });
beforeAll(() => client.connect());
afterAll(() => client.end());
afterEach(() => {
  delete process.env.PYLOT_OWNER_QUOTA_BYTES;
});

async function createNotebook(cookie: string, title = "Data"): Promise<string> {
  const res = await notebooks.POST(request("POST", "/api/notebooks", { cookie, body: { title } }), ctx({}));
  return ((await res.json()) as { notebook: { id: string } }).notebook.id;
}

function put(cookie: string, id: string, name: string, bytes: Uint8Array, query = "", declare = true) {
  const filePath = ["data", name];
  const req = new NextRequest(new URL(`/api/notebooks/${id}/files/data/${name}${query}`, "http://localhost:3000"), {
    method: "PUT",
    headers: {
      cookie,
      "x-pylot-csrf": csrfHeaderFrom(cookie) ?? "",
      "content-type": "application/octet-stream",
      ...(declare ? { "content-length": String(bytes.length) } : {}),
    },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  return file.PUT(req, ctx({ id, path: filePath }));
}
const get = (cookie: string, id: string, name: string, query = "") =>
  file.GET(request("GET", `/x${query}`, { cookie }), ctx({ id, path: ["data", name] }));

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("files stored in parts", () => {
  it("a 3.5 MB upload is stored as parts and comes back whole: download, preview, share link, fork", async () => {
    const owner = newOwner();
    const id = await createNotebook(owner.cookie);
    const bytes = new Uint8Array(randomBytes(Math.floor(3.5 * FILE_CHUNK_BYTES)));
    const res = await put(owner.cookie, id, "big.bin", bytes);
    expect(res.status).toBe(201);
    expect((await res.json()).file).toMatchObject({ size: bytes.length, sha256: sha(bytes) });
    const { rows } = await client.query(
      `SELECT c.seq, octet_length(c.data) AS n FROM "FileChunk" c JOIN "File" f ON f.id = c."fileId"
       WHERE f."notebookId" = $1 ORDER BY c.seq`,
      [id],
    );
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);

    const download = await get(owner.cookie, id, "big.bin");
    expect(download.status).toBe(200);
    expect(download.headers.get("content-length")).toBe(String(bytes.length));
    expect(sha(new Uint8Array(await download.arrayBuffer()))).toBe(sha(bytes));
    expect((await get(owner.cookie, id, "big.bin", "?view=preview")).status).toBe(200);

    const { token } = (await createOwnedShareLink(owner.id, id))!;
    const shared = await new Response((await readSharedFile(token, "data/big.bin"))!.body).arrayBuffer();
    expect(sha(new Uint8Array(shared))).toBe(sha(bytes));
    const sharedDownload = await sharedFile.GET(new Request(`http://localhost/s/${token}/files/data/big.bin`), {
      params: Promise.resolve({ token, path: ["data", "big.bin"] }),
    });
    expect(sharedDownload.status).toBe(200);
    expect(sharedDownload.headers.get("content-length")).toBe(String(bytes.length));
    expect(sha(new Uint8Array(await sharedDownload.arrayBuffer()))).toBe(sha(bytes));
    const reader = newOwner();
    const fork = await forkSharedNotebook(token, reader.id);
    const copy = await get(reader.cookie, fork!.id, "big.bin");
    expect(sha(new Uint8Array(await copy.arrayBuffer()))).toBe(sha(bytes));
  });

  it("an upload without Content-Length streams in the same way, and an empty file is one empty part", async () => {
    const owner = newOwner();
    const id = await createNotebook(owner.cookie);
    const bytes = new Uint8Array(randomBytes(FILE_CHUNK_BYTES + 17));
    expect((await put(owner.cookie, id, "undeclared.bin", bytes, "", false)).status).toBe(201);
    expect(sha(new Uint8Array(await (await get(owner.cookie, id, "undeclared.bin")).arrayBuffer()))).toBe(sha(bytes));
    expect((await put(owner.cookie, id, "empty.txt", new Uint8Array())).status).toBe(201);
    const empty = await get(owner.cookie, id, "empty.txt");
    expect((await empty.arrayBuffer()).byteLength).toBe(0);
  });

  it("a file stored before parts existed (all bytes in one row) is still read whole", async () => {
    const owner = newOwner();
    const id = await createNotebook(owner.cookie);
    const bytes = randomBytes(2 * FILE_CHUNK_BYTES + 5);
    await client.query(
      `INSERT INTO "File" (id, "notebookId", path, kind, bytes, size, sha256, mime, "updatedAt")
       VALUES (gen_random_uuid(), $1, 'data/old.bin', 'data', $2, $3, $4, 'application/octet-stream', now())`,
      [id, bytes, bytes.length, sha(bytes)],
    );
    const download = await get(owner.cookie, id, "old.bin");
    expect(download.headers.get("content-length")).toBe(String(bytes.length));
    expect(sha(new Uint8Array(await download.arrayBuffer()))).toBe(sha(bytes));
  });

  it("the migration keeps files stored the old way: a database at the previous migration, with files, migrates with nothing lost", async () => {
    const name = `pylot_old_files_${randomBytes(4).toString("hex")}`;
    await client.query(`CREATE DATABASE ${name}`);
    const oldDir = mkdtempSync(path.join(os.tmpdir(), "pylot-old-migrations-"));
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const old = new pg.Client({ connectionString: url.toString() });
    try {
      const all = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      const mine = all.findIndex((n) => n.endsWith("_spend_and_file_chunks"));
      expect(mine).toBeGreaterThan(0);
      for (const n of all.slice(0, mine))
        cpSync(path.join(MIGRATIONS_DIR, n), path.join(oldDir, n), { recursive: true });
      cpSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(oldDir, "migration_lock.toml"));
      await migrateDeploy(url.toString(), { migrationsDir: oldDir });
      await old.connect();
      const nb = await old.query<{ id: string }>(
        `INSERT INTO "Notebook" (id, "ownerId", "updatedAt") VALUES (gen_random_uuid(), gen_random_uuid(), now()) RETURNING id`,
      );
      const bytes = randomBytes(3 * FILE_CHUNK_BYTES);
      await old.query(
        `INSERT INTO "File" (id, "notebookId", path, kind, bytes, size, sha256, mime, "updatedAt")
         VALUES (gen_random_uuid(), $1, 'data/kept.bin', 'data', $2, $3, $4, 'application/octet-stream', now())`,
        [nb.rows[0]!.id, bytes, bytes.length, sha(bytes)],
      );
      const { applied } = await migrateDeploy(url.toString());
      expect(applied).toEqual(all.slice(mine));
      const { rows } = await old.query(
        `SELECT f.size, f.sha256, f.bytes || coalesce((SELECT string_agg(c.data, ''::bytea ORDER BY c.seq)
           FROM "FileChunk" c WHERE c."fileId" = f.id), ''::bytea) AS whole FROM "File" f`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].size).toBe(bytes.length);
      expect(sha(rows[0].whole)).toBe(sha(bytes));
    } finally {
      await old.end().catch(() => {});
      rmSync(oldDir, { recursive: true, force: true });
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
  });
});

describe("per-owner storage quota", () => {
  it("refuses with a clear 413 that names what to delete, stores nothing, and lets a replace free space", async () => {
    process.env.PYLOT_OWNER_QUOTA_BYTES = "1000";
    const owner = newOwner();
    const id = await createNotebook(owner.cookie, "Sales");
    expect((await put(owner.cookie, id, "first.csv", new Uint8Array(600))).status).toBe(201);
    for (const declare of [true, false]) {
      const res = await put(owner.cookie, id, "second.csv", new Uint8Array(600), "", declare);
      expect(res.status).toBe(413);
      const { error } = await res.json();
      expect(error).toMatchObject({ code: "payload_too_large", reason: "quota", quotaBytes: 1000, usedBytes: 600 });
      expect(error.message).toBe(
        'This file (600 B) does not fit in your storage: 600 B of 1000 B is used, 400 B is free. Delete files or clear cell outputs you no longer need and try again. Your largest: data/first.csv (600 B, in "Sales").',
      );
    }
    expect((await get(owner.cookie, id, "second.csv")).status).toBe(404);
    // Replacing the file counts its new size instead of the old one.
    expect((await put(owner.cookie, id, "first.csv", new Uint8Array(900), "?replace=1")).status).toBe(200);
    expect((await put(owner.cookie, id, "first.csv", new Uint8Array(1001), "?replace=1")).status).toBe(413);
    expect((await (await get(owner.cookie, id, "first.csv")).arrayBuffer()).byteLength).toBe(900);
    // Another owner has their own quota.
    const other = newOwner();
    expect((await put(other.cookie, await createNotebook(other.cookie), "x.csv", new Uint8Array(900))).status).toBe(
      201,
    );
  });

  it("two uploads at once into the last free space: one is stored, the other gets the 413", async () => {
    process.env.PYLOT_OWNER_QUOTA_BYTES = String(FILE_CHUNK_BYTES * 3);
    const owner = newOwner();
    const id = await createNotebook(owner.cookie);
    const body = () => new Uint8Array(randomBytes(2 * FILE_CHUNK_BYTES));
    const replies = await Promise.all(
      ["a.bin", "b.bin", "c.bin"].map((n) => put(owner.cookie, id, n, body(), "", false)),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 413, 413]);
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "File" WHERE "notebookId" = $1`, [id]);
    expect(rows[0].n).toBe(1);
  });
});
