// The share page's string renderer: everything from the notebook reaches the HTML escaped, HTML
// outputs only sanitized inside a declarative shadow root, and the page contains no script or handlers.
import { beforeAll, describe, expect, it } from "vitest";
import type { SharedNotebook } from "@/lib/db/shared-notebooks";
import type { Output } from "@/lib/notebook/outputs";
import { compactHighlight, esc, renderSharePage } from "../share-page-html";
import { loadTex } from "@/lib/notebook/render-math";
import { highlightPython } from "@/lib/notebook/highlight-code";

// The share route loads KaTeX before it renders (app/s/[token]/route.ts).
beforeAll(loadTex);

const PWN = `alert(1)`;
const HTML = `<script>${PWN}</script><img src=x onerror="${PWN}"><a href="javascript:${PWN}">x</a><svg onload="${PWN}"></svg>`;
const TOKEN = "t".repeat(43);

function notebook(over: Partial<SharedNotebook["notebook"]> = {}, rest: Partial<SharedNotebook> = {}): SharedNotebook {
  const outputs: Output[] = [
    { output_type: "stream", name: "stdout", text: HTML },
    { output_type: "stream", name: "stderr", text: "\u001b[31mred\u001b[0m <b>" },
    { output_type: "error", ename: "E", evalue: "v", traceback: [`\u001b[1;32m${HTML}\u001b[0m`] },
    { output_type: "display_data", data: { "text/html": `${HTML}" onload="${PWN}` }, metadata: {} },
    { output_type: "display_data", data: { "image/svg+xml": `<svg onload="${PWN}"/>` }, metadata: {} },
    { output_type: "display_data", data: { "text/markdown": `[x](javascript:${PWN}) ${HTML}` }, metadata: {} },
    { output_type: "display_data", data: { "image/png": `AAA" onerror="${PWN}` }, metadata: {} },
    { output_type: "execute_result", execution_count: 1, data: { "application/json": { a: HTML } }, metadata: {} },
    {
      output_type: "display_data",
      data: { "image/gif": "R0lGOD" },
      metadata: { "pylot/served-from": `javascript:${PWN}` },
    },
  ];
  return {
    notebook: {
      title: `<img src=x onerror="${PWN}"> title`,
      updatedAt: new Date(0).toISOString(),
      cells: [
        {
          id: "c1",
          kind: "code",
          source: `print("${HTML}")  # </code></pre><script>`,
          author: "person",
          outputs,
          executionCount: 3,
          version: 1,
          durationMs: 1,
        },
        {
          id: "c2",
          kind: "markdown",
          source: `# md ${HTML}\n\n[click](javascript:${PWN})`,
          author: "agent",
          outputs: [],
          executionCount: null,
          version: 1,
          durationMs: null,
        },
        {
          id: "c3",
          kind: "raw",
          source: HTML,
          author: "person",
          outputs: [],
          executionCount: null,
          version: 1,
          durationMs: null,
        },
      ],
      ...over,
    },
    messages: [
      {
        id: "m1",
        runId: null,
        role: "user",
        content: [
          { type: "text", text: `context` },
          { type: "text", text: HTML },
        ],
        createdAt: "",
      },
      {
        id: "m2",
        runId: null,
        role: "assistant",
        content: [{ type: "text", text: `Done ${HTML}` }, { type: "tool_use" }],
        createdAt: "",
      },
    ],
    files: [{ path: `data/<img src=x onerror="${PWN}">\uD800.csv`, kind: "data", size: 2048, mime: "text/csv" }],
    ...rest,
  };
}

describe("share page HTML", () => {
  const html = renderSharePage(TOKEN, notebook());
  const top = html;

  it("has no script, no event handler attribute and no javascript: URL anywhere", () => {
    expect(top).not.toMatch(/<script/i);
    expect(top).not.toMatch(/<svg|<img src=x/i);
    // Every < and > of data is escaped or rebuilt from an allowlist, so this finds only tags we wrote.
    const tags = top.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(50);
    for (const tag of tags) {
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag).not.toMatch(/(href|src|action)="\s*javascript:/i);
      // Each attribute value is closed where we closed it.
      expect((tag.match(/"/g) ?? []).length % 2, tag).toBe(0);
    }
  });

  it("shows HTML outputs sanitized in a declarative shadow root that the data cannot leave", () => {
    const roots = [
      ...html.matchAll(
        /<div data-testid="output-display" data-html-output="" class="html-out"><template shadowrootmode="open">(.*?)<\/template><\/div>/g,
      ),
    ];
    expect(roots).toHaveLength(1);
    const inner = roots[0]![1]!;
    expect(inner).toContain("<a>x</a>"); // the javascript: href is gone, the text stays
    expect(inner).toContain("<img>"); // no src=x, no onerror
    expect(inner).not.toMatch(/<script|<svg|<\/template/i);
    expect(inner).toContain("&quot; onload=&quot;alert(1)"); // the payload's quote is text
    for (const tag of inner.match(/<[a-z][^>]*>/gi) ?? []) expect(tag).not.toMatch(/\son\w+\s*=/i);
  });

  it("shows the data as text: title, file names, code, markdown, transcript", () => {
    expect(html).toContain(`<h1 data-testid="shared-title">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; title</h1>`);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;[U+D800].csv</a>"); // shown, not hidden
    expect(html).toContain(`href="/s/${TOKEN}/files/data/%3Cimg%20src%3Dx%20onerror%3D%22alert(1)%22%3E%EF%BF%BD.csv"`); // lone surrogate → U+FFFD
    expect(html).toContain("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;"); // code comment text
    expect(html).toContain('<span data-ansi="" style="color:#b91c1c">red</span>');
    expect(html).toContain("[click](javascript:alert(1))"); // markdown-it refuses the link
    expect(html).toContain(`<div data-role="user" class="msg-user"><p>&lt;script&gt;`);
    expect(html).toContain("<em>(wrote a cell)</em>");
    expect(html).toContain(`src="data:image/png;base64,AAA&quot;onerror=&quot;alert(1)"`);
    expect(html).toContain('src="data:image/gif;base64,R0lGOD"'); // a forged served-from URL is ignored
    expect(html).toContain('src="data:image/svg+xml;charset=utf-8,%3Csvg%20onload');
    expect(html).toContain(`<form method="post" action="/s/${TOKEN}/fork">`);
  });

  it("shows a right-to-left override in the title and file names escaped, never applied", () => {
    const page = renderSharePage(
      TOKEN,
      notebook(
        { title: "report\u202egnp.exe" },
        { files: [{ path: "data/invoice\u202efdp.exe.csv", kind: "data", size: 1, mime: "text/csv" }] },
      ),
    );
    expect(page).not.toContain("\u202e");
    expect(page).toContain(`<h1 data-testid="shared-title">report[U+202E]gnp.exe</h1>`);
    expect(page).toContain("<title>report[U+202E]gnp.exe · Pylot (shared)</title>");
    expect(page).toContain(">data/invoice[U+202E]fdp.exe.csv</a>");
    expect(page).toContain(`href="/s/${TOKEN}/files/data/invoice%E2%80%AEfdp.exe.csv"`); // the link still names the real file
  });

  it("renders math and text/latex with KaTeX and markdown attachments as data: images, with KaTeX's stylesheet", () => {
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    const page = renderSharePage(
      TOKEN,
      notebook({
        cells: [
          {
            id: "m",
            kind: "markdown",
            source: "![x](attachment:x.png) and $a^2$",
            author: "person",
            outputs: [],
            executionCount: null,
            version: 1,
            durationMs: null,
            attachments: { "x.png": `data:image/png;base64,${png}` },
          },
          {
            id: "c",
            kind: "code",
            source: "",
            author: "person",
            outputs: [
              {
                output_type: "execute_result",
                execution_count: 1,
                data: { "text/latex": "$\\displaystyle x^{2}$", "text/plain": "x**2" },
                metadata: {},
              },
            ],
            executionCount: 1,
            version: 1,
            durationMs: 1,
          },
        ],
      }),
    );
    expect(page).toContain(`<img src="data:image/png;base64,${png}" alt="x">`);
    expect(page).toMatch(/<div data-testid="output-result" class="latex"><span class="katex-display">/);
    expect(page).not.toContain("x**2");
    expect(page).toContain('<link rel="stylesheet" href="/katex/katex.min.css">');
    expect(renderSharePage(TOKEN, notebook())).not.toContain("katex");
  });

  it("collapses very long text to head and tail, the whole text one click away", () => {
    const long = `${"x".repeat(50_000)}END`;
    const page = renderSharePage(
      TOKEN,
      notebook({
        cells: [
          {
            id: "c",
            kind: "code",
            source: "",
            author: "person",
            outputs: [{ output_type: "stream", name: "stdout", text: long }],
            executionCount: 1,
            version: 1,
            durationMs: 1,
          },
        ],
      }),
    );
    expect(page).toContain("Output collapsed (50,003 characters) — show all");
    expect(page.match(/END/g)).toHaveLength(2); // tail + full text in <details>
  });

  it("compact highlighting keeps the text and maps scopes to short classes", () => {
    const code = `def f(x):\n    return "a<b" + str(1)  # c`;
    const out = compactHighlight(highlightPython(code));
    expect(out).toContain('<span class="k">def</span>');
    expect(out).toContain('<span class="s">"a&lt;b"</span>');
    expect(out.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<")).toBe(code);
    expect(esc(`<"'&>`)).toBe("&lt;&quot;&#39;&amp;&gt;");
  });
});

describe("NUL on the share page", () => {
  it("shows what Python printed with its NULs as ␀ (HTML cannot carry NUL itself)", () => {
    const printed: Output = { output_type: "stream", name: "stdout", text: "a\u0000b\n" };
    const page = renderSharePage(TOKEN, notebook({}, {}));
    expect(page).not.toContain("\u0000");
    expect(esc("a\u0000b")).toBe("a\u2400b");
    const withNul = notebook();
    withNul.notebook.cells[0]!.outputs = [printed];
    expect(renderSharePage(TOKEN, withNul)).toContain("a\u2400b");
  });
});
