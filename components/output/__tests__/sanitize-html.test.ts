import { describe, expect, it } from "vitest";
import { sanitizeHtmlOutput } from "../sanitize-html";

const tagsOf = (html: string) => html.match(/<\/?[a-z][^>]*>/gi) ?? [];

describe("sanitizeHtmlOutput", () => {
  it("keeps tables, headings, classes and styles as they were", () => {
    const table =
      '<h3>Sales</h3><table border="1" class="dataframe"><thead><tr><th>a</th></tr></thead><tbody><tr><td colspan=2>1 &lt; 2 &amp; x</td></tr></tbody></table>';
    expect(sanitizeHtmlOutput(table)).toBe(
      '<h3>Sales</h3><table border="1" class="dataframe"><thead><tr><th>a</th></tr></thead><tbody><tr><td colspan="2">1 &lt; 2 &amp; x</td></tr></tbody></table>',
    );
    expect(sanitizeHtmlOutput("<style scoped>.x > td { color: red }</style><p>ok</p>")).toBe(
      "<style>.x > td { color: red }</style><p>ok</p>",
    );
  });

  it("drops scripts, handlers, javascript: URLs and unknown tags, whatever their spelling", () => {
    const payloads = [
      "<script>alert(1)</script>",
      "<SCRIPT src=//x></SCRIPT >",
      "<img src=x onerror=alert(1)>",
      "<img/src=x/onerror=alert(1)>",
      '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>',
      '<a href="jav&#x61;script:alert(1)">x</a>',
      '<a href=" javascript:alert(1)">x</a>',
      "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
      "<form action=/api><button>go</button></form>",
      "<meta http-equiv=refresh content='0;url=//evil'>",
      "<template><script>alert(1)</script></template>",
      "<div title='x' onclick='alert(1)' style='color:red'>t</div>",
      "<style></style><script>alert(1)</script>",
      "<style>x{}</style ><img src=x onerror=alert(1)>",
      '<div title="a" "onmouseover=alert(1)">x</div>',
      "<textarea></template><script>alert(1)</script>",
      "<p>unclosed <b>tags",
      "<!-- <script>alert(1)</script> -->",
      "<img src=\"x\" onerror='alert(1)'",
    ];
    for (const p of payloads) {
      const out = sanitizeHtmlOutput(p);
      for (const tag of tagsOf(out)) {
        expect(tag, p).not.toMatch(
          /\son\w+\s*=|javascript:|<\/?(script|svg|iframe|form|button|meta|template|textarea)\b/i,
        );
        expect((tag.match(/"/g) ?? []).length % 2, tag).toBe(0);
      }
      expect(out, p).not.toMatch(/<\/?(script|template)/i);
    }
  });

  it("keeps safe links and data images, and marks links to open elsewhere", () => {
    expect(sanitizeHtmlOutput('<a href="https://example.org/?a=1&b=2">x</a>')).toBe(
      '<a href="https://example.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">x</a>',
    );
    expect(sanitizeHtmlOutput('<img src="data:image/png;base64,AAA" alt="p">')).toBe(
      '<img src="data:image/png;base64,AAA" alt="p">',
    );
    expect(sanitizeHtmlOutput('<img src="data:text/html,<script>">')).toBe("<img>");
  });

  it("shows stray angle brackets as text", () => {
    expect(sanitizeHtmlOutput("a < b and c > d <3")).toBe("a &lt; b and c &gt; d &lt;3");
  });
});
