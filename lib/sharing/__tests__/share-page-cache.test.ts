import { describe, expect, it } from "vitest";
import { createSharePageCache } from "../share-page-cache";

const html = (n: number, tag = "x") => tag.repeat(n);

describe("share page cache", () => {
  it("serves a render only for its version; one render per version even when requests overlap", async () => {
    const cache = createSharePageCache(10_000);
    let renders = 0;
    const render = (body: string) => async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 10));
      return body;
    };
    const [a, b] = await Promise.all([cache.get("t", "v1", render("one")), cache.get("t", "v1", render("one"))]);
    expect(renders).toBe(1);
    expect(a).toBe(b);
    expect(Buffer.from(a!.body).toString()).toBe("one");
    expect((await cache.get("t", "v1", render("never")))!.etag).toBe(a!.etag);
    expect(renders).toBe(1);
    const next = await cache.get("t", "v2", render("two"));
    expect(renders).toBe(2);
    expect(Buffer.from(next!.body).toString()).toBe("two");
    expect(next!.etag).not.toBe(a!.etag);
    expect(cache.size).toBe(1); // the old version was replaced, not kept beside it
    expect(cache.bytes).toBe(3);
    // A render that finds nothing (revoked meanwhile) is not cached.
    expect(await cache.get("gone", "v1", async () => null)).toBeNull();
    expect(cache.size).toBe(1);
  });

  it("stays within its byte budget, dropping the least recently used page first", async () => {
    const cache = createSharePageCache(3_000);
    for (const t of ["a", "b", "c"]) await cache.get(t, "v", async () => html(1_000, t));
    expect(cache.bytes).toBe(3_000);
    await cache.get("a", "v", async () => "not rendered again"); // a is now the most recent
    await cache.get("d", "v", async () => html(1_000, "d")); // evicts b
    expect(cache.bytes).toBe(3_000);
    let rendered = "";
    await cache.get("b", "v", async () => (rendered = html(1_000, "b")));
    expect(rendered).not.toBe(""); // b had been evicted
    rendered = "";
    await cache.get("a", "v", async () => (rendered = "x"));
    expect(rendered).toBe(""); // a stayed (c went when b came back)
    // A page larger than the whole budget is served but not kept.
    const huge = await cache.get("h", "v", async () => html(5_000));
    expect(huge!.body.length).toBe(5_000);
    expect(cache.bytes).toBeLessThanOrEqual(3_000);
  });
});
