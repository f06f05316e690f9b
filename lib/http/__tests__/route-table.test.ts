// The route table the server's 405 check uses is read from the sources; it must name exactly the
// methods each route module really exports, for every route on disk.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { discoverRoutes, exportedMethods, matchRoute } from "../route-table";

const ROOT = path.resolve(__dirname, "../../..");
const table = discoverRoutes(ROOT);
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

describe("route table", () => {
  it("lists each route handler with the methods its module exports (plus HEAD for GET, and OPTIONS)", async () => {
    const api = table.filter((r) => r.kind === "api");
    expect(api.length).toBeGreaterThanOrEqual(20);
    for (const r of api) {
      const mod = (await import(path.join(ROOT, "app", r.pattern, "route.ts"))) as Record<string, unknown>;
      const exported = METHODS.filter((m) => typeof mod[m] === "function");
      const expected = new Set([...exported, ...(exported.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
      expect(new Set(r.methods), r.pattern).toEqual(expected);
    }
  }, 60_000);

  it("reads the export forms route files use", () => {
    expect(exportedMethods("export const GET = route(…);\nexport async function POST() {}")).toEqual(["GET", "POST"]);
    expect(exportedMethods("export { handler as PUT, DELETE };\nexport const HEAD = GET;")).toEqual([
      "HEAD",
      "PUT",
      "DELETE",
    ]);
    expect(exportedMethods("export const dynamic = 'force-dynamic'; const GET = 1;")).toEqual([]);
  });

  it("matches static segments before dynamic ones, catch-alls last; pages and public files take GET and HEAD", () => {
    const at = (p: string) => matchRoute(table, p.split("/").slice(1))?.pattern ?? null;
    expect(at("/api/notebooks/import")).toBe("/api/notebooks/import");
    expect(at("/api/notebooks/abc")).toBe("/api/notebooks/[id]");
    expect(at("/api/notebooks/abc/cells/order")).toBe("/api/notebooks/[id]/cells/order");
    expect(at("/api/notebooks/abc/files/data/a/b.csv")).toBe("/api/notebooks/[id]/files/[...path]");
    expect(at("/api/notebooks/abc/files")).toBe("/api/notebooks/[id]/files");
    expect(at("/pyodide/pyodide.mjs")).toBe("/pyodide/…");
    expect(at("/py-worker.js")).toBe("/py-worker.js");
    expect(at("/no/such")).toBeNull();
    expect(matchRoute(table, [])?.methods).toEqual(["GET", "HEAD"]);
    expect(matchRoute(table, ["py-worker.js"])?.methods).toEqual(["GET", "HEAD"]);
  });
});
