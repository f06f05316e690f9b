import { describe, expect, it } from "vitest";
import { shapeObservation, truncateMiddle } from "../observation";
import { costOf, KNOWN_MODELS } from "../pricing";

describe("observation shaping", () => {
  it("joins streams, results and tracebacks", () => {
    const obs = shapeObservation(
      [
        { output_type: "stream", name: "stdout", text: "hello\n" },
        { output_type: "execute_result", execution_count: 1, data: { "text/plain": "42" }, metadata: {} },
        {
          output_type: "error",
          ename: "ValueError",
          evalue: "bad",
          traceback: ["Traceback (most recent call last):", "ValueError: bad"],
        },
      ],
      "error",
    );
    expect(obs.isError).toBe(true);
    expect(obs.content).toEqual([
      { type: "text", text: "hello\n\n42\nTraceback (most recent call last):\nValueError: bad" },
    ]);
  });

  it("keeps head and tail of huge text and says how much was cut", () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join("\n");
    const obs = shapeObservation([{ output_type: "stream", name: "stdout", text: lines }], "ok", [], {
      maxTextChars: 1000,
      maxImages: 4,
      maxImageBase64: 100,
    });
    const text = (obs.content[0] as { text: string }).text;
    expect(text.length).toBeLessThan(1100);
    expect(text.startsWith("line 0\n")).toBe(true);
    expect(text.endsWith("line 199999")).toBe(true);
    expect(text).toMatch(/\[… [\d,]+ characters \([\d,]+ lines\) cut …\]/);
  });

  it("sends images as image blocks, within limits, and tables as text", () => {
    const png = {
      output_type: "display_data" as const,
      data: { "image/png": "iVBORw0KGgo=\n", "text/plain": "<Figure>" },
      metadata: {},
    };
    const table = {
      output_type: "execute_result" as const,
      execution_count: 2,
      data: { "text/html": "<table><tr><th>a</th></tr><tr><td>1</td></tr></table>" },
      metadata: {},
    };
    const obs = shapeObservation([png, png, table], "ok", [], {
      maxTextChars: 10_000,
      maxImages: 1,
      maxImageBase64: 1000,
    });
    expect(obs.content.filter((b) => b.type === "image")).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
    ]);
    const text = (obs.content[0] as { text: string }).text;
    expect(text).toContain("[image 1 attached: image/png]");
    expect(text).toContain("[image not attached: image/png, limit reached]");
    expect(text).toContain("a\n1");
  });

  it("sends an HTML table as text when the plain text is only the default object repr; a real text table wins", () => {
    const html =
      "<style scoped>td{}</style><table><thead><tr><th></th><th>x</th><th>y</th></tr></thead><tbody><tr><th>0</th><td>1</td><td>a &amp; b</td></tr></tbody></table>";
    const generic = {
      output_type: "execute_result" as const,
      execution_count: 1,
      data: { "text/html": html, "text/plain": "<demo.Table object at 0x7f3a2b>" },
      metadata: {},
    };
    expect((shapeObservation([generic], "ok").content[0] as { text: string }).text).toBe("\tx\ty\n0\t1\ta & b");
    const frame = { ...generic, data: { "text/html": html, "text/plain": "   x      y\n0  1  a & b" } };
    expect((shapeObservation([frame], "ok").content[0] as { text: string }).text).toBe("   x      y\n0  1  a & b");
  });

  it("says when there was no output or the run was interrupted", () => {
    expect(shapeObservation([], "ok").content).toEqual([{ type: "text", text: "[no output]" }]);
    expect((shapeObservation([], "interrupted").content[0] as { text: string }).text).toContain("interrupted");
  });

  it("truncateMiddle leaves short text alone", () => {
    expect(truncateMiddle("abc", 10)).toBe("abc");
  });
});

describe("cost", () => {
  const M = 1_000_000;
  it("prices every token kind with the model's own cache rates", () => {
    // Sonnet 5.5: $2 in, $10 out, $2.50 5-minute cache write, $0.10 cache read (pricing page, 2026-12-05).
    expect(
      costOf("claude-sonnet-5-5", { inputTokens: M, outputTokens: M, cacheReadTokens: M, cacheWriteTokens: M }),
    ).toBeCloseTo(2 + 10 + 0.1 + 2.5);
    expect(
      costOf("claude-opus-5-5", { inputTokens: 0, outputTokens: 0, cacheReadTokens: M, cacheWriteTokens: 0 }),
    ).toBeCloseTo(0.2);
  });

  it("charges a whole call at the long-prompt tier once its prompt is over the threshold", () => {
    const short = { inputTokens: 100_000, outputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 0 };
    const long = { ...short, inputTokens: 60_000, cacheReadTokens: 40_001 };
    expect(costOf("claude-haiku-5-5", short)).toBeCloseTo((100_000 * 0.1 + 1000 * 0.5) / M);
    expect(costOf("claude-haiku-5-5", long)).toBeCloseTo((60_000 * 0.5 + 40_001 * 0.05 + 1000 * 2.5) / M);
  });

  it("never prices a model as free: an unknown or retired one costs at least every known one", () => {
    const u = { inputTokens: M, outputTokens: M, cacheReadTokens: 0, cacheWriteTokens: 0 };
    for (const model of ["unknown-model", "claude-sonnet-4-5"]) {
      for (const known of KNOWN_MODELS) expect(costOf(model, u)).toBeGreaterThanOrEqual(costOf(known, u));
    }
    expect(costOf("unknown-model", u)).toBe(60); // Fable 5.1: $10 in + $50 out
  });
});
