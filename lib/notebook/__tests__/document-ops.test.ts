import { describe, expect, it } from "vitest";
import type { CellDoc } from "../cell";
import { insertCell, moveCell, removeCell, sameCellSet, updateCell } from "../document-ops";
import { appendOutput } from "../outputs";

const cell = (id: string): CellDoc => ({
  id,
  kind: "code",
  source: id,
  author: "person",
  outputs: [],
  executionCount: null,
  version: 1,
  durationMs: null,
});
const ids = (cs: CellDoc[]) => cs.map((c) => c.id);

describe("document operations", () => {
  const cells = [cell("a"), cell("b"), cell("c")];
  it("inserts at an index, clamped to the ends", () => {
    expect(ids(insertCell(cells, 1, cell("x")))).toEqual(["a", "x", "b", "c"]);
    expect(ids(insertCell(cells, 99, cell("x")))).toEqual(["a", "b", "c", "x"]);
    expect(ids(insertCell(cells, -3, cell("x")))).toEqual(["x", "a", "b", "c"]);
  });
  it("moves up and down and ignores moves past the edges", () => {
    expect(ids(moveCell(cells, "c", -1))).toEqual(["a", "c", "b"]);
    expect(ids(moveCell(cells, "a", 1))).toEqual(["b", "a", "c"]);
    expect(ids(moveCell(cells, "a", -1))).toEqual(["a", "b", "c"]);
    expect(ids(moveCell(cells, "missing", 1))).toEqual(["a", "b", "c"]);
  });
  it("removes and updates without touching the input", () => {
    expect(ids(removeCell(cells, "b"))).toEqual(["a", "c"]);
    expect(updateCell(cells, "b", { source: "new" })[1]!.source).toBe("new");
    expect(cells[1]!.source).toBe("b");
  });
  it("compares cell sets", () => {
    expect(sameCellSet(["a", "b"], ["b", "a"])).toBe(true);
    expect(sameCellSet(["a", "a"], ["a", "b"])).toBe(false);
    expect(sameCellSet(["a"], ["a", "b"])).toBe(false);
  });
  it("merges consecutive chunks of the same stream, like Jupyter", () => {
    let outs = appendOutput([], { output_type: "stream", name: "stdout", text: "a" });
    outs = appendOutput(outs, { output_type: "stream", name: "stdout", text: "b" });
    outs = appendOutput(outs, { output_type: "stream", name: "stderr", text: "!" });
    outs = appendOutput(outs, { output_type: "stream", name: "stdout", text: "c" });
    expect(outs).toEqual([
      { output_type: "stream", name: "stdout", text: "ab" },
      { output_type: "stream", name: "stderr", text: "!" },
      { output_type: "stream", name: "stdout", text: "c" },
    ]);
  });
});
