// The proxy in front of every page: identity and token cookies, CSP, owner pages for navigations
// only, and the per-address limit on share-token lookups.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";

process.env.PYLOT_SECRET ??= "unit-test-secret-0123456789abcdef";
process.env.PYLOT_SHARE_LOOKUPS_PER_MINUTE = "5";
const { proxy } = await import("../proxy");

const page = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost${path}`, { headers }));

describe("proxy", () => {
  it("a first navigation gets an owner cookie, its token cookie and a nonce CSP", () => {
    const res = page("/", { "sec-fetch-mode": "navigate" });
    const cookies = res.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/pylot_owner=.*HttpOnly/i);
    expect(cookies).toMatch(/pylot_csrf=[\w-]+;.*SameSite=strict/i);
    expect(cookies).not.toMatch(/pylot_csrf=[^\n]*HttpOnly/i);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    const again = page("/", { "sec-fetch-mode": "navigate" }).headers.get("content-security-policy");
    expect(again).not.toBe(res.headers.get("content-security-policy")); // a fresh nonce each time
  });

  it("owner pages answer navigations only: a script's fetch of one is refused", () => {
    for (const path of ["/", "/notebooks/00000000-0000-4000-8000-000000000000"]) {
      expect(page(path, { "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" }).status).toBe(403);
      expect(page(path, { "sec-fetch-mode": "cors", rsc: "1" }).status).toBe(403);
      expect(page(path, { "sec-fetch-mode": "navigate" }).status).toBe(200);
    }
    // The share page is opened by its token, not by ambient cookies.
    expect(page(`/s/${"a".repeat(43)}`, { "sec-fetch-mode": "cors", "x-forwarded-for": "192.0.2.50" }).status).toBe(200);
  });

  it("share lookups are limited per client address (429), other addresses unaffected; headers keep the token private", () => {
    const token = "b".repeat(43);
    const from = (ip: string) => page(`/s/${token}`, { "sec-fetch-mode": "navigate", "x-forwarded-for": ip });
    const statuses = Array.from({ length: 7 }, () => from("198.51.100.7").status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = from("198.51.100.7");
    expect(limited.headers.get("retry-after")).toBe("60");
    const other = from("198.51.100.8");
    expect(other.status).toBe(200);
    expect(other.headers.get("x-robots-tag")).toContain("noindex");
    expect(other.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
