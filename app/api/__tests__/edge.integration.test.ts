// The HTTP edge against the real production server (scripts/server.ts + Next), over real sockets:
// - every route found on disk (API routes, pages, share routes, public/ files) gets the same probe
//   list of malformed requests, and none may be answered 5xx or hang;
// - rate limits key on the socket address unless proxies are trusted, whatever X-Forwarded-For says;
// - a database outage is 503 + Retry-After on the API, /api/ready says so while /api/health stays
//   200, owner pages show "Reconnecting…", and everything recovers when PostgreSQL is back.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotebook } from "@/lib/db/notebooks";
import { createOwnedShareLink } from "@/lib/db/share-links";
import { CSRF_HEADER } from "@/lib/identity/csrf-token";
import { discoverRoutes, type RouteEntry } from "@/lib/http/route-table";
import { BUILD_TIMEOUT_MS, ensureBuilt } from "@/scripts/harness/ensure-built";
import { freePort } from "@/scripts/harness/free-port";
import { type RunningServer, startServer } from "@/scripts/harness/next-server";
import { type RawResponse, rawRequest } from "@/scripts/harness/raw-http";
import { type Stack, startStack } from "@/scripts/harness/stack";
import { csrfHeaderFrom, newOwner } from "../notebooks/__tests__/request";

const ROOT = path.resolve(__dirname, "../../..");
const servers: { stop(): Promise<void> }[] = [];

async function server(env: Record<string, string>): Promise<RunningServer> {
  const s = await startServer(await freePort(), {
    DATABASE_URL: process.env.DATABASE_URL!,
    PYLOT_SECRET: process.env.PYLOT_SECRET!,
    ...env,
  });
  servers.push(s);
  return s;
}

beforeAll(() => ensureBuilt(), BUILD_TIMEOUT_MS);
afterAll(async () => {
  for (const s of servers) await s.stop();
});

describe("every route, malformed requests", () => {
  let base: string;
  let owner: ReturnType<typeof newOwner>;
  const values: Record<string, string> = {};

  beforeAll(async () => {
    // A key, so the agent's routes answer as configured (an unconfigured agent is a deliberate 503);
    // no probe gets as far as calling the model.
    base = (await server({ ANTHROPIC_API_KEY: "probe-key", ANTHROPIC_BASE_URL: "http://127.0.0.1:9" })).url;
    owner = newOwner();
    const nb = await createNotebook(owner.id, "probes");
    const share = await createOwnedShareLink(owner.id, nb.id);
    Object.assign(values, {
      id: nb.id,
      cellId: nb.cells[0]!.id,
      runId: randomUUID(),
      shareId: share!.link.id,
      token: share!.token,
      index: "0",
      path: "data/x.csv",
      file: "pyodide-lock.json",
    });
  }, 90_000);

  /** A concrete path for a route: its own ids, an existing file under a public/ folder. */
  function concrete(route: RouteEntry, bad?: { at: number; escape: string }): string {
    const dir = route.pattern.replace(/\/…$/, "");
    let i = -1;
    const parts = dir
      .split("/")
      .slice(1)
      .map((seg) => {
        const name = /^\[{1,2}(?:\.\.\.)?(\w+)\]{1,2}$/.exec(seg)?.[1];
        if (!name) return seg;
        i++;
        return bad && bad.at === i ? bad.escape : (values[name] ?? "x");
      });
    let p = `/${parts.join("/")}`;
    if (route.pattern.endsWith("/…")) p += `/${sampleFileUnder(dir)}`;
    return p;
  }

  function sampleFileUnder(dir: string): string {
    if (dir === "/_next") {
      const chunk = readdirSync(path.join(ROOT, ".next/static/chunks")).find((f) => f.endsWith(".js"));
      return `static/chunks/${chunk}`;
    }
    if (dir === "/monaco") return "vs/loader.js";
    const full = path.join(ROOT, "public", dir);
    const file = readdirSync(full, { withFileTypes: true }).find((e) => e.isFile());
    return file ? file.name : "missing.txt";
  }

  const BAD_ESCAPES = ["%ZZ", "%C0%AF", "%E0%A4%A", "%"];
  const ODD_METHODS = ["TRACE", "PROPFIND", "PURGE", "OPTIONS"];
  const deep = (n: number) => `{"outputs":${"[".repeat(n)}${"]".repeat(n)},"title":"x"}`;

  it("answers every probe with a 4xx or a success, never a 5xx or a hang", async () => {
    const routes = discoverRoutes(ROOT);
    expect(routes.filter((r) => r.kind === "api").length).toBeGreaterThanOrEqual(20);
    expect(routes.map((r) => r.pattern)).toEqual(
      expect.arrayContaining(["/", "/notebooks/[id]", "/s/[token]", "/py-worker.js", "/pyodide/…"]),
    );
    const token = csrfHeaderFrom(owner.cookie)!;
    const asOwner = { cookie: owner.cookie, [CSRF_HEADER]: token };
    const tally = { tried: 0, ok: 0, "4xx": 0, "5xx": 0, hangs: 0 };
    const failures: string[] = [];
    const probe = async (
      what: string,
      method: string,
      p: string,
      opts: { headers?: Record<string, string>; body?: string } = {},
      expectStatus?: (r: RawResponse) => string | null,
    ) => {
      tally.tried++;
      const res = await rawRequest(base, method, p, opts);
      if (res === "hang") {
        tally.hangs++;
        failures.push(`${what}: ${method} ${p} hung`);
        return;
      }
      if (res.status >= 500) tally["5xx"]++;
      else if (res.status >= 400) tally["4xx"]++;
      else tally.ok++;
      const wrong = res.status >= 500 ? "a 5xx" : (expectStatus?.(res) ?? null);
      if (wrong) failures.push(`${what}: ${method} ${p} → ${res.status} (${wrong}) ${res.text.slice(0, 120)}`);
    };
    const is400 = (r: RawResponse) => (r.status === 400 ? null : "expected 400");
    const is405 = (r: RawResponse) =>
      r.status === 405 && typeof r.headers.allow === "string" && /^[A-Z]+(, [A-Z]+)*$/.test(r.headers.allow)
        ? null
        : "expected 405 with Allow";

    for (const route of routes) {
      const good = concrete(route);
      // Bad percent-escapes in each dynamic segment, and appended to the path.
      const dynamicCount = (route.pattern.match(/\[/g) ?? []).length;
      for (let at = 0; at < dynamicCount; at++) {
        for (const badEscape of BAD_ESCAPES) {
          await probe(
            "escape in segment",
            "GET",
            concrete(route, { at, escape: badEscape }),
            { headers: asOwner },
            is400,
          );
        }
      }
      for (const badEscape of BAD_ESCAPES) await probe("escape at the end", "GET", `${good}${badEscape}`, {}, is400);
      await probe("escape in the query", "GET", `${good}?q=%ZZ&x=%C0%AF`, { headers: asOwner });
      // Methods nothing here takes, and every standard method this route does not take.
      for (const method of ODD_METHODS) {
        if (route.methods.includes(method)) continue;
        await probe("odd method", method, good, { headers: asOwner }, is405);
      }
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        if (route.methods.includes(method)) continue;
        await probe("method the route lacks", method, good, { headers: asOwner }, is405);
      }
      // Deep and oversized JSON bodies to every route that takes one.
      for (const method of route.methods.filter((m) => ["POST", "PUT", "PATCH"].includes(m))) {
        const headers = { ...asOwner, "content-type": "application/json" };
        // (A file upload takes any bytes, so only "no 5xx" holds everywhere; the JSON case is below.)
        await probe("5,000-deep body", method, good, { headers, body: deep(5000) });
        await probe("2 MB body", method, good, { headers, body: `{"x":"${"a".repeat(2 * 1024 * 1024)}"}` });
      }
    }
    // The finding: an output nested 5,000 levels deep (a RangeError and a 500 before).
    const outputs = `/api/notebooks/${values.id}/cells/${values.cellId}/outputs`;
    const nested = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const deepOutput = `{"outputs":[{"output_type":"execute_result","data":{"application/json":${nested}},"metadata":{}}],"executionCount":1,"durationMs":1}`;
    await probe(
      "5,000-deep output",
      "PUT",
      outputs,
      {
        headers: { ...asOwner, "content-type": "application/json" },
        body: deepOutput,
      },
      (r) => (r.status === 400 && r.text.includes("nested") ? null : "expected 400 naming the nesting"),
    );
    // A few targets no route has.
    await probe("asterisk target", "OPTIONS", "*", {}, (r) => (r.status === 400 ? null : "expected 400"));
    await probe("unknown path, TRACE", "TRACE", "/no/such/path", {}, is405);
    await probe("unknown path, bad escape", "GET", "/no/%ZZ/path", {}, is400);

    console.log(
      `edge probes: tried ${tally.tried}, 2xx/3xx ${tally.ok}, 4xx ${tally["4xx"]}, 5xx ${tally["5xx"]}, hangs ${tally.hangs}`,
    );
    expect(failures).toEqual([]);
    expect(tally["5xx"]).toBe(0);
    expect(tally.hangs).toBe(0);
    expect(tally.tried).toBeGreaterThan(300);
  }, 600_000);
});

describe("the prerendered error pages", () => {
  // They are built once, so their scripts could not carry a request's nonce: the build drops them.
  it("carry no script the CSP would block, and still show their message", () => {
    for (const page of [".next/server/pages/500.html", ".next/server/app/_global-error.html"]) {
      const html = readFileSync(path.join(ROOT, page), "utf8");
      expect(html, page).not.toMatch(/<script\b/i);
      expect(html, page).toMatch(/<h1\b/);
    }
  });
});

describe("proxy trust: the share-lookup limit's key", () => {
  const shareUrl = `/s/${"b".repeat(43)}`; // well-formed, unknown: a 404 until limited

  it("with 0 trusted hops, ignores X-Forwarded-For: a changing header neither escapes the limit nor moves it", async () => {
    const s = await server({ PYLOT_SHARE_LOOKUPS_PER_MINUTE: "5", PYLOT_TRUSTED_PROXY_HOPS: "0" });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await rawRequest(s.url, "GET", shareUrl, { headers: { "x-forwarded-for": `203.0.113.${i}` } });
      statuses.push(res === "hang" ? 0 : res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual(Array(7).fill(429));
  }, 90_000);

  it("with 1 trusted hop, keys on the address the proxy appended, not on what the client prepended", async () => {
    const s = await server({ PYLOT_SHARE_LOOKUPS_PER_MINUTE: "5", PYLOT_TRUSTED_PROXY_HOPS: "1" });
    const as = (xff: string) => rawRequest(s.url, "GET", shareUrl, { headers: { "x-forwarded-for": xff } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await as(`198.51.100.${i}, 192.0.2.10`); // the client's own prefix changes each time
      statuses.push(res === "hang" ? 0 : res.status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    // Another client behind the same proxy is not locked out by the first one's flood.
    const other = await as("192.0.2.10, 192.0.2.11");
    expect(other !== "hang" && other.status).toBe(404);
  }, 90_000);
});

describe("database outage", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ port: await freePort(), secret: process.env.PYLOT_SECRET! });
    servers.push(stack);
  }, 120_000);

  it("is 503 + Retry-After on the API and not ready, while live; a reconnecting owner page; then recovers", async () => {
    const owner = newOwner();
    const headers = { cookie: owner.cookie, [CSRF_HEADER]: csrfHeaderFrom(owner.cookie)! };
    const json = { ...headers, "content-type": "application/json" };
    const created = await rawRequest(stack.url, "POST", "/api/notebooks", {
      headers: json,
      body: '{"title":"survives"}',
    });
    if (created === "hang") throw new Error("creating a notebook hung");
    expect(created.status).toBe(201);
    const notebookId = JSON.parse(created.text).notebook.id as string;
    const shared = await rawRequest(stack.url, "POST", `/api/notebooks/${notebookId}/shares`, { headers: json });
    if (shared === "hang") throw new Error("sharing hung");
    const shareUrl = `/s/${JSON.parse(shared.text).token as string}`;
    expect(await status(stack.url, shareUrl)).toBe(200);
    expect(await status(stack.url, "/api/ready")).toBe(200);

    await stack.database.stop();
    try {
      const ready = await rawRequest(stack.url, "GET", "/api/ready");
      expect(ready !== "hang" && ready.status).toBe(503);
      expect(ready !== "hang" && ready.headers["retry-after"]).toMatch(/^\d+$/);
      expect(await status(stack.url, "/api/health")).toBe(200);
      for (const [method, p, body] of [
        ["GET", "/api/notebooks", undefined],
        ["POST", "/api/notebooks", '{"title":"during"}'],
      ] as const) {
        const res = await rawRequest(stack.url, method, p, { headers: json, body });
        if (res === "hang") throw new Error(`${method} ${p} hung during the outage`);
        expect(res.status, `${method} ${p}: ${res.text}`).toBe(503);
        expect(res.headers["retry-after"]).toMatch(/^\d+$/);
        expect(JSON.parse(res.text).error.code).toBe("unavailable");
      }
      const page = await rawRequest(stack.url, "GET", "/", {
        headers: { cookie: owner.cookie, "sec-fetch-mode": "navigate" },
      });
      if (page === "hang") throw new Error("the list page hung during the outage");
      expect(page.status).toBeLessThan(500);
      expect(page.text).toContain("Reconnecting");
      expect(page.text).toMatch(/http-equiv="refresh"/);
      const share = await rawRequest(stack.url, "GET", shareUrl);
      if (share === "hang") throw new Error("the share page hung during the outage");
      expect(share.status).toBe(503);
      expect(share.headers["retry-after"]).toMatch(/^\d+$/);
    } finally {
      await stack.database.start();
    }
    expect(await status(stack.url, "/api/ready")).toBe(200);
    const list = await rawRequest(stack.url, "GET", "/api/notebooks", { headers });
    expect(list !== "hang" && list.status).toBe(200);
    expect(list !== "hang" && list.text).toContain("survives");
  }, 120_000);
});

async function status(base: string, p: string): Promise<number> {
  const res = await rawRequest(base, "GET", p);
  return res === "hang" ? 0 : res.status;
}
