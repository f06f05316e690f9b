import { beforeAll, describe, expect, it } from "vitest";
import { imageAttachments } from "../attachments";
import { loadTex, renderLatexOutput } from "../render-math";
import { renderMarkdown } from "../render-markdown";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

beforeAll(loadTex);

describe("math in markdown", () => {
  it("renders $…$ inline and $$…$$ as display math with KaTeX", () => {
    const html = renderMarkdown("Energy $E = mc^2$ and\n\n$$\n\\int_0^1 x_i\\,dx\n$$\n");
    expect(html).toContain('<span class="katex">');
    expect(html).toContain('<span class="katex-display">');
    expect(html).toContain('<annotation encoding="application/x-tex">E = mc^2</annotation>');
    // `_` inside math stays TeX (a subscript), not markdown emphasis.
    expect(html).toContain("\\int_0^1 x_i\\,dx");
    expect(html).not.toContain("<em>");
  });

  it("leaves prices and escaped dollars as text", () => {
    expect(renderMarkdown("It costs $5 and $6.")).toBe("<p>It costs $5 and $6.</p>\n");
    expect(renderMarkdown("a \\$x\\$ b")).toBe("<p>a $x$ b</p>\n");
    expect(renderMarkdown("$ not math $")).toBe("<p>$ not math $</p>\n");
  });

  it("shows a TeX error as its source instead of throwing, and refuses \\href", () => {
    expect(renderMarkdown("$\\frac{1$")).toContain("katex-error");
    const html = renderMarkdown("$\\href{javascript:alert(1)}{x}$");
    expect(html).not.toMatch(/href="javascript/i);
  });
});

describe("text/latex outputs", () => {
  it("renders the forms Jupyter emits", () => {
    for (const tex of ["$$x^2$$", "$\\displaystyle x^{2}$", "\\[x^2\\]", "\\begin{equation}x^2\\end{equation}"]) {
      const html = renderLatexOutput(tex);
      expect(html, tex).toContain('<span class="katex-display">');
      expect(html, tex).not.toContain("katex-error");
    }
    expect(renderLatexOutput("\\(x\\)")).toMatch(/^<span class="katex">/);
  });
});

describe("markdown attachments", () => {
  const attachments = imageAttachments({
    attachments: {
      "x.png": { "image/png": PNG },
      "a b.png": { "image/png": [PNG.slice(0, 10), PNG.slice(10)] },
      "page.svg": { "image/svg+xml": "<svg onload=alert(1)/>" },
      "bad.png": { "image/png": '" onerror="alert(1)' },
    },
  });

  it("keeps only raster images with valid base64, as data: URLs", () => {
    expect(attachments).toEqual({
      "x.png": `data:image/png;base64,${PNG}`,
      "a b.png": `data:image/png;base64,${PNG}`,
    });
    expect(imageAttachments({})).toBeUndefined();
    expect(imageAttachments(null)).toBeUndefined();
    expect(imageAttachments({ attachments: [1] })).toBeUndefined();
  });

  it("renders attachment: images from the cell's attachments", () => {
    expect(renderMarkdown("![x](attachment:x.png)", attachments)).toBe(
      `<p><img src="data:image/png;base64,${PNG}" alt="x"></p>\n`,
    );
    expect(renderMarkdown("![y](<attachment:a b.png>)", attachments)).toContain(`src="data:image/png;base64,${PNG}"`);
  });

  it("renders a missing, non-image or forged attachment without a src", () => {
    for (const name of ["missing.png", "page.svg", "bad.png"]) {
      const html = renderMarkdown(`![alt](attachment:${name})`, attachments);
      expect(html).not.toContain("src=");
      expect(html).toContain('alt="alt"');
    }
    expect(renderMarkdown("![x](attachment:x.png)")).not.toContain("src=");
  });
});
