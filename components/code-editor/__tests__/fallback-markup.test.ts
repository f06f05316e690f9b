import { describe, expect, it } from "vitest";
import { fallbackMarkup } from "../fallback-markup";

describe("fallbackMarkup", () => {
  it("keeps a source that tries to close the textarea inside it", () => {
    const html = fallbackMarkup(
      "cell-1.py",
      "</textarea><script>alert(1)</script><img src=x onerror=alert(2)>",
      "Cell 1 source",
      false,
    );
    expect(html.match(/<\/textarea>/g)).toHaveLength(1);
    expect(html.endsWith("</textarea>")).toBe(true);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&#60;/textarea&#62;&#60;script&#62;");
  });

  it("escapes attribute values and marks read-only", () => {
    const html = fallbackMarkup('a"b.py', "", 'x" onfocus="alert(1)', true);
    expect(html).toContain('data-pylot-fallback="a&#34;b.py"');
    expect(html).toContain('aria-label="x&#34; onfocus=&#34;alert(1)"');
    expect(html).not.toContain('" onfocus="');
    expect(html).toMatch(/ readonly>/);
  });

  it("puts a newline first so a source that starts with one keeps it", () => {
    expect(fallbackMarkup("c.py", "\nx = 1", undefined, false)).toMatch(/>\n\nx = 1<\/textarea>$/);
  });
});
