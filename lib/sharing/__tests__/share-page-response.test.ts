import { describe, expect, it, vi } from "vitest";
import { shareErrorPage, withShareErrors } from "../share-page-response";

describe("share route errors", () => {
  it("a busy database is a 503 page, anything else a 500 page without details; both escaped HTML", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    const busy = await withShareErrors(async () =>
      Promise.reject(Object.assign(new Error("pool"), { code: "P2024" })),
    )();
    expect(busy.status).toBe(503);
    const broken = await withShareErrors(async () => Promise.reject(new Error("secret detail at /srv/x.ts:1")))();
    expect(broken.status).toBe(500);
    expect(await broken.text()).not.toContain("secret detail");
    expect(broken.headers.get("content-security-policy")).toContain("script-src 'none'");
    expect(await shareErrorPage(404, "<b>", `"x"`).text()).toContain("<h1>&#60;b&#62;</h1><p>&#34;x&#34;</p>");
  });
});
