// The proxy in front of every page: identity and token cookies, CSP, owner pages for navigations
// only. Shared pages skip it (their routes limit lookups themselves: lib/sharing/__tests__).
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";

process.env.PYLOT_SECRET ??= "unit-test-secret-0123456789abcdef";
const { proxy, config } = await import("../proxy");

const page = (path: string, headers: Record<string, string> = {}) =>
  proxy(new NextRequest(`http://localhost${path}`, { headers }));

describe("proxy", () => {
  it("a first navigation gets an owner cookie, its token cookie and a nonce CSP", () => {
    const res = page("/", { "sec-fetch-mode": "navigate" });
    const cookies = res.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/pylot_owner=.*HttpOnly/i);
    expect(cookies).toMatch(/pylot_csrf=[\w-]+;.*SameSite=strict/i);
    expect(cookies).not.toMatch(/pylot_csrf=[^\n]*HttpOnly/i);
    expect(res.headers.get("content-security-policy")).toMatch(
      /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
    );
    const again = page("/", { "sec-fetch-mode": "navigate" }).headers.get("content-security-policy");
    expect(again).not.toBe(res.headers.get("content-security-policy")); // a fresh nonce each time
  });

  it("owner pages answer navigations only: a script's fetch of one is refused", () => {
    for (const path of ["/", "/notebooks/00000000-0000-4000-8000-000000000000"]) {
      expect(page(path, { "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" }).status).toBe(403);
      expect(page(path, { "sec-fetch-mode": "cors", rsc: "1" }).status).toBe(403);
      expect(page(path, { "sec-fetch-mode": "navigate" }).status).toBe(200);
    }
  });

  it("runs for pages, not for the API, static assets or shared pages", () => {
    // Next compiles the matcher as a regular expression over the path.
    const runs = (path: string) => config.matcher.some((m) => new RegExp(`^${m}$`).test(path));
    for (const path of ["/", "/notebooks", "/notebooks/x", "/sales", "/some-page"]) expect(runs(path), path).toBe(true);
    for (const path of [
      "/api/health",
      "/_next/static/x.js",
      "/pyodide/pyodide.js",
      "/icon.svg",
      `/s/${"a".repeat(43)}`,
      `/s/${"a".repeat(43)}/files/data/x.csv`,
    ]) {
      expect(runs(path), path).toBe(false);
    }
  });
});
