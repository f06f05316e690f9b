// The cached share page through its real route handlers and the real database: every kind of write
// that changes what the page shows changes the version (so a cached render is never served stale),
// ETag/304, revoke → 404 at once even with a render cached, and the fork form's origin checks.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sharedNotebookVersion } from "@/lib/db/share-version";
import { verifyOwnerCookie } from "@/lib/identity/owner-cookie";
import { sharePageCache } from "@/lib/sharing/share-page-cache";
import * as notebooks from "../../api/notebooks/route";
import * as notebook from "../../api/notebooks/[id]/route";
import * as cells from "../../api/notebooks/[id]/cells/route";
import * as cell from "../../api/notebooks/[id]/cells/[cellId]/route";
import * as order from "../../api/notebooks/[id]/cells/order/route";
import * as outputs from "../../api/notebooks/[id]/cells/[cellId]/outputs/route";
import * as file from "../../api/notebooks/[id]/files/[...path]/route";
import * as shares from "../../api/notebooks/[id]/shares/route";
import * as share from "../../api/notebooks/[id]/shares/[shareId]/route";
import * as page from "../[token]/route";
import * as forkForm from "../[token]/fork/route";
import { ctx, newOwner, request } from "../../api/notebooks/__tests__/request";

async function sharedNotebook() {
  const owner = newOwner();
  const created = await notebooks.POST(
    request("POST", "/api/notebooks", { cookie: owner.cookie, body: { title: "Versioned" } }),
    ctx({}),
  );
  const nb = (await created.json()).notebook as { id: string; cells: { id: string }[] };
  const link = await (
    await shares.POST(request("POST", "/x", { cookie: owner.cookie, body: {} }), ctx({ id: nb.id }))
  ).json();
  return { owner, nb, token: link.token as string, linkId: link.link.id as string };
}

const get = (token: string, headers: Record<string, string> = {}) =>
  page.GET(request("GET", `/s/${token}`, { headers }), ctx({ token }));

describe("share page version", () => {
  it("changes with every kind of write the page shows, and only then", async () => {
    const { owner, nb, token } = await sharedNotebook();
    const c = owner.cookie;
    const id = nb.id;
    const first = nb.cells[0]!.id;
    const version = async () => (await sharedNotebookVersion(token))!.version;
    let last = await version();
    expect(await version()).toBe(last); // reading does not move it
    const writes: [string, () => Promise<unknown>][] = [
      ["title", () => notebook.PATCH(request("PATCH", "/x", { cookie: c, body: { title: "Renamed" } }), ctx({ id }))],
      [
        "cell source",
        () =>
          cell.PATCH(
            request("PATCH", "/x", { cookie: c, body: { baseVersion: 1, source: "print(1)" } }),
            ctx({ id, cellId: first }),
          ),
      ],
      [
        "outputs",
        () =>
          outputs.PUT(
            request("PUT", "/x", {
              cookie: c,
              body: {
                outputs: [{ output_type: "stream", name: "stdout", text: "1\n" }],
                executionCount: 1,
                durationMs: 2,
              },
            }),
            ctx({ id, cellId: first }),
          ),
      ],
      [
        "add cell",
        () =>
          cells.POST(
            request("POST", "/x", { cookie: c, body: { index: 1, kind: "markdown", source: "# hi" } }),
            ctx({ id }),
          ),
      ],
      [
        "reorder",
        async () => {
          const ids = (
            await db.cell.findMany({ where: { notebookId: id }, orderBy: { position: "asc" }, select: { id: true } })
          ).map((r) => r.id);
          return order.PUT(request("PUT", "/x", { cookie: c, body: { cellIds: ids.reverse() } }), ctx({ id }));
        },
      ],
      [
        "upload file",
        () =>
          file.PUT(
            request("PUT", "/x", { cookie: c, rawBody: "a,b\n", headers: { "content-type": "text/csv" } }),
            ctx({ id, path: ["data", "a.csv"] }),
          ),
      ],
      [
        "agent message",
        () =>
          db.message.create({
            data: { notebookId: id, role: "assistant", position: 0, content: [{ type: "text", text: "Done." }] },
          }),
      ],
      // A raw SQL write that no code path bumps anything for: the version still moves.
      [
        "raw SQL edit",
        () =>
          db.$executeRaw`UPDATE "Message" SET content = '[{"type":"text","text":"Edited."}]'::jsonb WHERE "notebookId" = ${id}::uuid`,
      ],
      ["delete file", () => file.DELETE(request("DELETE", "/x", { cookie: c }), ctx({ id, path: ["data", "a.csv"] }))],
      ["delete cell", () => cell.DELETE(request("DELETE", "/x", { cookie: c }), ctx({ id, cellId: first }))],
    ];
    for (const [what, write] of writes) {
      const res = await write();
      if (res instanceof Response) expect(res.status, what).toBeLessThan(300);
      const now = await version();
      expect(now, what).not.toBe(last);
      last = now;
    }
    // A refused write (another owner) changes nothing.
    const other = newOwner();
    expect(
      (await notebook.PATCH(request("PATCH", "/x", { cookie: other.cookie, body: { title: "x" } }), ctx({ id })))
        .status,
    ).toBe(404);
    expect(await version()).toBe(last);
  });

  it("is served from the cache until the notebook changes; ETag → 304; revoked → 404 at once", async () => {
    const { owner, nb, token, linkId } = await sharedNotebook();
    const res = await get(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("x-robots-tag")).toContain("noindex");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'none'");
    const etag = res.headers.get("etag")!;
    const html = await res.text();
    expect(html).toContain("Versioned");
    expect(html).not.toMatch(/<script/i);
    // A first view gives the reader an owner identity (for "Make a copy"); a known reader keeps theirs.
    expect(res.headers.get("set-cookie")).toMatch(/^pylot_owner=[^;]+;.*HttpOnly/i);
    expect(
      verifyOwnerCookie(decodeURIComponent(res.headers.get("set-cookie")!.split(";")[0]!.split("=")[1]!)),
    ).not.toBeNull();
    expect(
      (await page.GET(request("GET", `/s/${token}`, { cookie: owner.cookie }), ctx({ token }))).headers.get(
        "set-cookie",
      ),
    ).toBeNull();

    const again = await get(token);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe(html);
    const notModified = await get(token, { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");

    await notebook.PATCH(
      request("PATCH", "/x", { cookie: owner.cookie, body: { title: "Now <b>newer</b>" } }),
      ctx({ id: nb.id }),
    );
    const changed = await get(token, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const changedHtml = await changed.text();
    expect(changedHtml).toContain("Now &lt;b&gt;newer&lt;/b&gt;");
    expect(sharePageCache().size).toBeGreaterThan(0);

    await share.DELETE(request("DELETE", "/x", { cookie: owner.cookie }), ctx({ id: nb.id, shareId: linkId }));
    const gone = await get(token, { "if-none-match": changed.headers.get("etag")! });
    expect(gone.status).toBe(404);
    expect(await gone.text()).not.toContain("newer");
    for (const bad of ["x".repeat(43), "short", "../../etc", "%00"]) expect((await get(bad)).status).toBe(404);
  });
});

describe("the fork form", () => {
  const post = (token: string, headers: Record<string, string>) =>
    forkForm.POST(
      request("POST", `/s/${token}/fork`, { headers: { host: "localhost:3000", ...headers } }),
      ctx({ token }),
    );
  const click = {
    origin: "http://localhost:3000",
    "sec-fetch-site": "same-origin",
    "sec-fetch-mode": "navigate",
    "sec-fetch-dest": "document",
  };

  it("copies into the reader's notebooks on a click from our page, and refuses anything else", async () => {
    const { token, nb } = await sharedNotebook();
    const reader = newOwner();
    const refused: [string, Record<string, string>][] = [
      [
        "another site's form",
        { ...click, cookie: reader.cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      ],
      [
        "a sandboxed frame (opaque origin: cross-site)",
        { ...click, cookie: reader.cookie, origin: "null", "sec-fetch-site": "cross-site" },
      ],
      [
        "a fetch() (e.g. from Python in a worker)",
        { ...click, cookie: reader.cookie, "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" },
      ],
      ["a navigation into a frame", { ...click, cookie: reader.cookie, "sec-fetch-dest": "iframe" }],
      ["no Fetch Metadata (curl, an old browser)", { cookie: reader.cookie, origin: "http://localhost:3000" }],
      ["a lying Origin", { ...click, cookie: reader.cookie, origin: "http://localhost:3000.evil.example" }],
    ];
    for (const [what, headers] of refused) {
      const res = await post(token, headers);
      expect(res.status, what).toBe(403);
      expect(res.headers.get("location"), what).toBeNull();
    }
    expect(await db.notebook.count({ where: { ownerId: reader.id } })).toBe(0);

    // The share page's no-referrer policy makes the browser send "Origin: null" with the form.
    const ok = await post(token, { ...click, cookie: reader.cookie, origin: "null" });
    expect(ok.status).toBe(303);
    const location = ok.headers.get("location")!;
    expect(location).toMatch(/^\/notebooks\/[0-9a-f-]{36}$/);
    const copy = await db.notebook.findUniqueOrThrow({
      where: { id: location.split("/").pop()! },
      include: { cells: true },
    });
    expect(copy.ownerId).toBe(reader.id);
    expect(copy.id).not.toBe(nb.id);
    expect((await post("x".repeat(43), { ...click, cookie: reader.cookie })).status).toBe(404);
    // Only the token, no identity: refused, nothing created.
    const before = await db.notebook.count();
    expect((await post(token, { ...click, origin: "null" })).status).toBe(401);
    expect(await db.notebook.count()).toBe(before);
  });
});

describe("share page and the agent's progress notes", () => {
  it("shows the notes only when the owner opted in, and never a signature", async () => {
    const { owner, nb, token } = await sharedNotebook();
    const run = await db.agentRun.create({
      data: { notebookId: nb.id, ownerId: owner.id, prompt: "q", status: "completed", model: "claude-sonnet-5-5" },
    });
    await db.message.createMany({
      data: [
        {
          notebookId: nb.id,
          runId: run.id,
          role: "user",
          position: 0,
          content: [
            { type: "text", text: "ctx" },
            { type: "text", text: "What is 6*7?" },
          ],
        },
        {
          notebookId: nb.id,
          runId: run.id,
          role: "assistant",
          position: 1,
          content: [
            { type: "thinking", thinking: "Multiplying in a cell first.", signature: "SIG-SECRET-123" },
            { type: "redacted_thinking", data: "OPAQUE-DATA" },
            { type: "text", text: "It is 42." },
          ],
        },
      ],
    });
    const html = async () => (await get(token)).text();
    const hidden = await html();
    expect(hidden).toContain("It is 42.");
    expect(hidden).not.toContain("Multiplying in a cell first.");
    const opt = await notebook.PATCH(
      request("PATCH", "/x", { cookie: owner.cookie, body: { settings: { shareNotes: true } } }),
      ctx({ id: nb.id }),
    );
    expect(opt.status).toBe(200);
    const shown = await html();
    expect(shown).toContain("Multiplying in a cell first.");
    expect(shown).toContain("It is 42.");
    for (const secret of ["SIG-SECRET-123", "OPAQUE-DATA"]) expect(shown).not.toContain(secret);
  });
});
