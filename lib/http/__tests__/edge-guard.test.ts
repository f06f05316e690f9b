import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkRequest } from "../edge-guard";
import { discoverRoutes } from "../route-table";

const table = discoverRoutes(path.resolve(__dirname, "../../.."));
const verdict = (method: string, target: string) => checkRequest(method, target, table);

describe("edge guard", () => {
  it("400 for a percent-escape that does not decode, in any segment", () => {
    for (const target of ["/api/notebooks/%ZZ", "/notebooks/%C0%AF", "/s/%E0%A4%A/files/x", "/pyodide/%", "/%ZZ"]) {
      const v = verdict("GET", target);
      expect(v.ok ? null : v.refusal.status, target).toBe(400);
    }
  });
  it("passes well-formed escapes, and leaves the query to the route", () => {
    expect(verdict("GET", "/api/notebooks/abc/files/data/a%20b.csv").ok).toBe(true);
    expect(verdict("GET", "/?q=%ZZ").ok).toBe(true);
  });
  it("405 with Allow for methods a route, page or file does not take", () => {
    const trace = verdict("TRACE", "/api/notebooks");
    expect(trace).toMatchObject({ ok: false, refusal: { status: 405, allow: "GET, HEAD, POST, OPTIONS" } });
    for (const [method, target] of [
      ["OPTIONS", "/py-worker.js"],
      ["PROPFIND", "/pyodide/pyodide.mjs"],
      ["PURGE", "/pyodide/pyodide-lock.json"],
      ["POST", "/notebooks/abc"],
      ["TRACE", "/no/such/path"],
    ] as const) {
      expect(verdict(method, target), `${method} ${target}`).toMatchObject({
        ok: false,
        refusal: { status: 405, allow: "GET, HEAD" },
      });
    }
    expect(verdict("DELETE", "/api/notebooks/abc/cells/order")).toMatchObject({ refusal: { allow: "PUT, OPTIONS" } });
  });
  it("lets through what the route takes, and standard methods on unknown paths (Next's 404)", () => {
    expect(verdict("GET", "/pyodide/pyodide.mjs")).toMatchObject({ ok: true, route: { kind: "static" } });
    expect(verdict("PATCH", "/api/notebooks/abc/")).toMatchObject({ ok: true, route: { kind: "api" } });
    expect(verdict("OPTIONS", "/api/notebooks")).toMatchObject({ ok: true });
    expect(verdict("DELETE", "/no/such")).toEqual({ ok: true, route: null });
  });
  it("400 for a target that is not a path", () => {
    expect(verdict("OPTIONS", "*")).toMatchObject({ ok: false, refusal: { status: 400 } });
    expect(verdict("GET", "http://evil.example/")).toMatchObject({ ok: false, refusal: { status: 400 } });
  });
});
