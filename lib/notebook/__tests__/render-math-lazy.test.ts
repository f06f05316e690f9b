// KaTeX is loaded on first need (render-math.ts): its own file, so nothing has loaded it yet.
import { describe, expect, it } from "vitest";
import { loadTex, renderTex, texLoaded } from "../render-math";
import { renderMarkdown } from "../render-markdown";

describe("KaTeX loads on first need", () => {
  it("shows the TeX source, escaped, until loadTex() resolves; then renders it", async () => {
    expect(texLoaded()).toBe(false);
    expect(renderTex("a<b", false)).toBe('<span class="math-pending" data-testid="math-pending">$a&lt;b$</span>');
    expect(renderMarkdown("$$x$$")).toContain("$$x$$");
    await loadTex();
    expect(texLoaded()).toBe(true);
    expect(renderTex("a<b", false)).toContain('<span class="katex">');
  });
});
