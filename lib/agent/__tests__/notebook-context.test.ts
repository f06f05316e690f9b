import { FILE_CONTEXT_LIMITS, toContextFiles } from "../file-context";
import { describe, expect, it } from "vitest";
import { CONTEXT_LIMITS, renderNotebookContext, type ContextCell } from "../notebook-context";

const t0 = new Date("2026-01-01T10:00:00Z");
const before = new Date("2026-01-01T09:00:00Z");
const after = new Date("2026-01-01T11:00:00Z");

function cell(source: string, over: Partial<ContextCell> = {}): ContextCell {
  return {
    kind: "code",
    author: "person",
    source,
    outputs: [],
    executionCount: null,
    createdAt: before,
    editedAt: null,
    ...over,
  };
}

describe("notebook context", () => {
  it("lists cells in order with author, source and an output summary", () => {
    const text = renderNotebookContext({
      previousRequestAt: null,
      cells: [
        cell("# Sales", { kind: "markdown" }),
        cell("df = load()\ndf.head()", {
          executionCount: 1,
          outputs: [
            {
              output_type: "execute_result",
              execution_count: 1,
              data: { "text/plain": "   a  b\n0  1  2" },
              metadata: {},
            },
          ],
        }),
        cell("plot()", {
          author: "agent",
          executionCount: 2,
          outputs: [
            { output_type: "display_data", data: { "image/png": "iVBOR", "text/plain": "<Figure>" }, metadata: {} },
          ],
        }),
        cell(""),
      ],
    });
    expect(text.startsWith("<notebook_context>")).toBe(true);
    expect(text.endsWith("</notebook_context>")).toBe(true);
    expect(text).toContain("4 cells");
    expect(text).toContain("first request");
    expect(text).toMatch(/### cell 1 · markdown · written by the person\n```markdown\n# Sales\n```/);
    expect(text).toMatch(
      /### cell 2 · code · written by the person\n```python\ndf = load\(\)\ndf.head\(\)\n```\noutput:\n```\n {3}a {2}b\n0 {2}1 {2}2\n```/,
    );
    expect(text).toContain("### cell 3 · code · written by you");
    expect(text).toContain("[image/png figure]");
    expect(text).not.toContain("iVBOR");
    expect(text).toMatch(/### cell 4 · code · written by the person\n\(empty\)/);
    expect(text).not.toContain("## Files");
  });

  it("marks what the person added or edited since their previous request", () => {
    const text = renderNotebookContext({
      previousRequestAt: t0,
      cells: [
        cell("old = 1"),
        cell("clean = df.dropna()", { editedAt: after }),
        cell("new = 2", { createdAt: after }),
        cell("x = 41", { author: "agent", editedAt: after }),
        cell("y = 1", { author: "agent", createdAt: after }),
      ],
    });
    expect(text).toMatch(/### cell 1 · code · written by the person\n/);
    expect(text).toContain(
      "### cell 2 · code · written by the person · EDITED by the person since their previous request",
    );
    expect(text).toContain(
      "### cell 3 · code · written by the person · ADDED by the person since their previous request",
    );
    expect(text).toContain("### cell 4 · code · written by you · EDITED by the person since their previous request");
    expect(text).toMatch(/### cell 5 · code · written by you\n/);
  });

  it("truncates long sources and outputs, and fences sources that contain fences", () => {
    const long = Array.from({ length: 1000 }, (_, i) => `x${i} = ${i}`).join("\n");
    const text = renderNotebookContext({
      previousRequestAt: null,
      cells: [
        cell(long, {
          executionCount: 1,
          outputs: [{ output_type: "stream", name: "stdout", text: "y\n".repeat(5000) }],
        }),
        cell('s = """\n```\n"""'),
      ],
    });
    expect(text).toContain("x0 = 0");
    expect(text).toContain("x999 = 999");
    expect(text).toMatch(/characters \([\d,]+ lines\) cut/);
    expect(text.length).toBeLessThan(CONTEXT_LIMITS.sourceChars + CONTEXT_LIMITS.outputChars + 1000);
    expect(text).toContain('````python\ns = """\n```\n"""\n````');
  });

  it("stays within the total budget: unchanged cells shrink first, oldest first", () => {
    const big = (i: number) => `# cell ${i}\n${"v = 1\n".repeat(400)}`;
    const cells = Array.from({ length: 40 }, (_, i) => cell(big(i), { editedAt: i === 5 ? after : null }));
    const text = renderNotebookContext({ previousRequestAt: t0, cells });
    expect(text.length).toBeLessThanOrEqual(CONTEXT_LIMITS.totalChars);
    expect(text).toMatch(
      /### cell 1 · code · written by the person\n\(shortened: 402 lines, not run; first line: `# cell 0`\)/,
    );
    // The edited cell keeps its source; the newest unchanged cells too.
    expect(text).toMatch(/cell 6 · code · written by the person · EDITED[^\n]*\n```python\n# cell 5/);
    expect(text).toMatch(/### cell 40 · code · written by the person\n```python\n# cell 39/);
  });

  it("omits the oldest cells when even one-liners do not fit", () => {
    const cells = Array.from({ length: 3000 }, (_, i) => cell(`value_${i} = ${i}`));
    const text = renderNotebookContext({ previousRequestAt: null, cells });
    expect(text.length).toBeLessThanOrEqual(CONTEXT_LIMITS.totalChars);
    expect(text).toMatch(/\(cells 1–\d+ omitted to keep this short\)/);
    expect(text).toContain("### cell 3000 ·");
  });

  it("lists files when the caller knows them, with the first lines of textual ones", () => {
    const enc = (t: string) => new TextEncoder().encode(t);
    const rows = [
      {
        path: "data/sales.csv",
        size: 1234,
        mime: "text/csv",
        head: enc("region,sales\nnorth,10\nsouth,20\na,1\nb,2\nc,3\n"),
      },
      { path: "data/empty.txt", size: 0, mime: "text/plain", head: enc("") },
      { path: "data/latin1.txt", size: 5, mime: "text/plain", head: Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) },
      { path: "output/chart.png", size: 99, mime: "image/png", head: Uint8Array.from([0x89, 0x50]) },
    ].map((r) => ({
      ...r,
      kind: r.path.startsWith("data/") ? ("data" as const) : ("output" as const),
      sha256: "",
      updatedAt: "",
    }));
    const text = renderNotebookContext({ previousRequestAt: null, cells: [], files: toContextFiles(rows) });
    expect(text).toContain("## Files\n");
    expect(text).toContain(
      "- data/sales.csv (1,234 bytes, 1.2 KB, text/csv)\n  first lines:\n```\nregion,sales\nnorth,10\nsouth,20\na,1\nb,2\n```",
    );
    expect(text).toContain("- data/empty.txt (0 bytes, 0 B, text/plain)\n  (empty file)");
    expect(text).toContain("not valid UTF-8");
    expect(text).toContain("- output/chart.png (99 bytes, 99 B, image/png)\n");
    expect(renderNotebookContext({ previousRequestAt: null, cells: [], files: [] })).toContain("No files yet");
  });

  it("caps the file list and the heads", () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({
      path: `data/f${String(i).padStart(3, "0")}.txt`,
      kind: "data" as const,
      size: 5000,
      mime: "text/plain",
      sha256: "",
      updatedAt: "",
      head: new TextEncoder().encode("x".repeat(2048)),
    }));
    const files = toContextFiles(rows);
    expect(files).toHaveLength(FILE_CONTEXT_LIMITS.files);
    const text = renderNotebookContext({ previousRequestAt: null, cells: [], files, fileCount: 150 });
    expect(text).toContain("(50 more files not listed)");
    expect(files.filter((f) => f.head !== null).reduce((n, f) => n + f.head!.length, 0)).toBeLessThanOrEqual(
      FILE_CONTEXT_LIMITS.headsTotalChars,
    );
  });
});
