import { describe, expect, it } from "vitest";
import { shapeObservation, truncateMiddle } from "../observation";
import { costOf, KNOWN_MODELS } from "../pricing";

describe("observation shaping", () => {
  it("joins streams, results and tracebacks", () => {
    const obs = shapeObservation(
      [
        { output_type: "stream", name: "stdout", text: "hello\n" },
        { output_type: "execute_result", execution_count: 1, data: { "text/plain": "42" }, metadata: {} },
        { output_type: "error", ename: "ValueError", evalue: "bad", traceback: ["Traceback (most recent call last):", "ValueError: bad"] },
      ],
      "error",
    );
    expect(obs.isError).toBe(true);
    expect(obs.content).toEqual([{ type: "text", text: "hello\n\n42\nTraceback (most recent call last):\nValueError: bad" }]);
  });

  it("keeps head and tail of huge text and says how much was cut", () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join("\n");
    const obs = shapeObservation([{ output_type: "stream", name: "stdout", text: lines }], "ok", [], { maxTextChars: 1000, maxImages: 4, maxImageBase64: 100 });
    const text = (obs.content[0] as { text: string }).text;
    expect(text.length).toBeLessThan(1100);
    expect(text.startsWith("line 0\n")).toBe(true);
    expect(text.endsWith("line 199999")).toBe(true);
    expect(text).toMatch(/\[… [\d,]+ characters \([\d,]+ lines\) cut …\]/);
  });

  it("sends images as image blocks, within limits, and tables as text", () => {
    const png = { output_type: "display_data" as const, data: { "image/png": "iVBORw0KGgo=\n", "text/plain": "<Figure>" }, metadata: {} };
    const table = { output_type: "execute_result" as const, execution_count: 2, data: { "text/html": "<table><tr><th>a</th></tr><tr><td>1</td></tr></table>" }, metadata: {} };
    const obs = shapeObservation([png, png, table], "ok", [], { maxTextChars: 10_000, maxImages: 1, maxImageBase64: 1000 });
    expect(obs.content.filter((b) => b.type === "image")).toEqual([{ type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }]);
    const text = (obs.content[0] as { text: string }).text;
    expect(text).toContain("[image 1 attached: image/png]");
    expect(text).toContain("[image not attached: image/png, limit reached]");
    expect(text).toContain("a\t\n1");
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
  it("prices every token kind", () => {
    expect(costOf("claude-sonnet-4-5", { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 })).toBeCloseTo(3 + 15 + 0.3 + 3.75);
    // Never free: an unknown model costs at least as much as every known one.
    const unknown = costOf("unknown-model", { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 0, cacheWriteTokens: 0 });
    for (const model of KNOWN_MODELS) {
      expect(unknown).toBeGreaterThanOrEqual(costOf(model, { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 0, cacheWriteTokens: 0 }));
    }
    expect(unknown).toBe(60); // fable 5.1: $10 in + $50 out
  });
});
