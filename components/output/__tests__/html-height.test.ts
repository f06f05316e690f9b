import { describe, expect, it } from "vitest";
import { estimateHtmlHeight } from "../html-height";

describe("sandboxed HTML height", () => {
  it("grows with table rows and blocks, within bounds", () => {
    expect(estimateHtmlHeight("<b>x</b>")).toBe(40);
    const table = (n: number) => `<table>${"<tr><td>1</td></tr>".repeat(n)}</table>`;
    expect(estimateHtmlHeight(table(5))).toBe(5 * 23 + 16);
    expect(estimateHtmlHeight(table(10))).toBeGreaterThan(estimateHtmlHeight(table(5)));
    expect(estimateHtmlHeight(table(10_000))).toBe(600);
    expect(estimateHtmlHeight("<p>a</p><div>b</div><h2>c</h2>")).toBe(3 * 22 + 16);
  });
});
