// The per-address limit on new anonymous owners, through the real proxy: loading a page without a
// cookie makes an owner, so one address cannot make owners (each with its own run rate) without end.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/security/client-address";

process.env.PYLOT_SECRET ??= "unit-test-secret-0123456789abcdef";
const { proxy } = await import("@/proxy");

const visit = (address: string, headers: Record<string, string> = {}) =>
  proxy(
    new NextRequest("http://localhost/", {
      headers: { "sec-fetch-mode": "navigate", [CLIENT_ADDRESS_HEADER]: address, ...headers },
    }),
  );
const ownerCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("pylot_owner="));

afterEach(() => {
  delete process.env.PYLOT_OWNER_MINTS_PER_HOUR;
});

describe("owner mint limit", () => {
  it("gives an address its limit of new owners per hour, then a clear page; cookies still work", async () => {
    process.env.PYLOT_OWNER_MINTS_PER_HOUR = "3";
    const minted = [1, 2, 3].map(() => visit("203.0.113.7"));
    for (const res of minted) {
      expect(res.status).toBe(200);
      expect(ownerCookie(res)).toBeDefined();
    }
    const refused = visit("203.0.113.7");
    expect(refused.status).toBe(429);
    expect(ownerCookie(refused)).toBeUndefined();
    expect(refused.headers.get("retry-after")).toBe("3600");
    expect(refused.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await refused.text();
    expect(html).toContain("Too many new visitors from your network");
    expect(html).not.toContain("<script");

    // An owner who has a cookie is never refused, from the same address.
    const cookie = ownerCookie(minted[0]!)!.split(";")[0]!;
    const returning = visit("203.0.113.7", { cookie });
    expect(returning.status).toBe(200);
    // Another address has its own count.
    expect(ownerCookie(visit("198.51.100.4"))).toBeDefined();
  });

  it("keys on the address the trusted proxies report, not one the client writes", () => {
    process.env.PYLOT_OWNER_MINTS_PER_HOUR = "1";
    // Without the server's decided address (next dev) and no trusted hops, X-Forwarded-For is ignored.
    const forged = (ip: string) =>
      proxy(new NextRequest("http://localhost/", { headers: { "sec-fetch-mode": "navigate", "x-forwarded-for": ip } }));
    expect(forged("192.0.2.1").status).toBe(200);
    expect(forged("192.0.2.2").status).toBe(429);
  });

  it("0 turns the limit off", () => {
    process.env.PYLOT_OWNER_MINTS_PER_HOUR = "0";
    for (let i = 0; i < 30; i++) expect(visit("203.0.113.99").status).toBe(200);
  });
});
