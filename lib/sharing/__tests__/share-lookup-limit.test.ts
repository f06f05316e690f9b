// Share-token lookups are limited per client address in every share route, before any query.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/security/client-address";

process.env.PYLOT_SHARE_LOOKUPS_PER_MINUTE = "5";
const { refuseOverShareLimit } = await import("../share-lookup-limit");
const page = await import("@/app/s/[token]/route");
const files = await import("@/app/s/[token]/files/[...path]/route");

describe("share lookup limit", () => {
  it("429 per client address after the limit, in the page and file routes alike; other addresses unaffected", async () => {
    const token = "b".repeat(43); // well-formed, unknown: each allowed request is a 404
    const from = (ip: string, path = `/s/${token}`) =>
      new NextRequest(`http://localhost${path}`, { headers: { [CLIENT_ADDRESS_HEADER]: ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await page.GET(from("198.51.100.7"), { params: Promise.resolve({ token }) })).status);
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await files.GET(from("198.51.100.7"), { params: Promise.resolve({ token, path: ["data", "x.csv"] }) })).status,
      );
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    const limited = refuseOverShareLimit(from("198.51.100.7"))!;
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(limited.headers.get("x-robots-tag")).toContain("noindex");
    expect(await limited.text()).toMatch(/Too many shared-notebook requests/);
    expect(refuseOverShareLimit(from("198.51.100.8"))).toBeNull();
  });
});
