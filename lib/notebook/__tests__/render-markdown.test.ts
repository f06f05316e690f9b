import { describe, expect, it } from "vitest";
import { pickMime, textOf } from "../mime";
import { renderMarkdown } from "../render-markdown";

describe("markdown rendering", () => {
  it("renders markdown", () => {
    expect(renderMarkdown("# Hi\n\n*x*")).toBe("<h1>Hi</h1>\n<p><em>x</em></p>\n");
  });
  it("escapes raw HTML and refuses script URLs", () => {
    const html = renderMarkdown(
      "<script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:alert(1)) ![i](data:text/html,x)",
    );
    expect(html).not.toMatch(/<script|<img src=x|href="javascript:/i);
    expect(html).toContain("&lt;script&gt;");
  });
  it("opens links safely", () => {
    expect(renderMarkdown("[a](https://example.com)")).toContain('rel="noopener noreferrer nofollow"');
  });
});

describe("MIME choice", () => {
  it("prefers the richest representation", () => {
    expect(pickMime({ "text/plain": "x", "text/html": "<b>x</b>" })).toBe("text/html");
    expect(pickMime({ "text/plain": "x", "image/png": "AAA" })).toBe("image/png");
    expect(pickMime({ "application/x-custom": 1 })).toBe("application/x-custom");
    expect(pickMime({})).toBeNull();
  });
  it("joins nbformat line lists", () => {
    expect(textOf(["a\n", "b"])).toBe("a\nb");
    expect(textOf(undefined)).toBe("");
  });
});
