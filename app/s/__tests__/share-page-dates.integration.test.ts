// The share page says "saved 3 min ago". It is cached per notebook version, so the phrase is part
// of what a cached page is filed under: the page is rendered again when the phrase would change,
// and served from the cache (with a 304 for a matching ETag) while it still holds.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as notebooks from "../../api/notebooks/route";
import * as shares from "../../api/notebooks/[id]/shares/route";
import * as page from "../[token]/route";
import { ctx, newOwner, request } from "../../api/notebooks/__tests__/request";

async function sharedToken(): Promise<string> {
  const owner = newOwner();
  const created = await notebooks.POST(
    request("POST", "/api/notebooks", { cookie: owner.cookie, body: { title: "Dated" } }),
    ctx({}),
  );
  const nb = (await created.json()).notebook as { id: string };
  const link = await (
    await shares.POST(request("POST", "/x", { cookie: owner.cookie, body: {} }), ctx({ id: nb.id }))
  ).json();
  return link.token as string;
}

const get = (token: string, headers: Record<string, string> = {}) =>
  page.GET(request("GET", `/s/${token}`, { headers }), ctx({ token }));

afterEach(() => {
  vi.useRealTimers();
});

describe("share page dates", () => {
  it("renders again when the saved-time phrase changes, and only then", async () => {
    const token = await sharedToken();
    const first = await get(token);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain(">saved just now</time>");
    const etag = first.headers.get("etag")!;
    expect((await get(token, { "if-none-match": etag })).status).toBe(304);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 5 * 60_000 + 10_000);
    const later = await get(token, { "if-none-match": etag });
    expect(later.status).toBe(200);
    expect(await later.text()).toContain(">saved 5 min ago</time>");
    const laterEtag = later.headers.get("etag")!;
    expect(laterEtag).not.toBe(etag);
    // Within the same phrase the cached page and its ETag hold.
    vi.setSystemTime(Date.now() + 20_000);
    expect((await get(token, { "if-none-match": laterEtag })).status).toBe(304);
  });
});
