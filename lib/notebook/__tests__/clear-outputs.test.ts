import { describe, expect, it } from "vitest";
import type { CellDoc } from "../cell";
import { cellsToClear } from "../clear-outputs";

const cell = (id: string, over: Partial<CellDoc> = {}): CellDoc =>
  ({
    id,
    kind: "code",
    source: "",
    outputs: [],
    executionCount: null,
    durationMs: null,
    version: 1,
    ...over,
  }) as CellDoc;

describe("cellsToClear", () => {
  it("clears code cells with outputs or a count, not markdown, empty or running cells", () => {
    const out = [{ output_type: "stream", name: "stdout", text: "x" }] as CellDoc["outputs"];
    const cells = [
      cell("a", { outputs: out, executionCount: 1 }),
      cell("b"),
      cell("c", { executionCount: 2 }),
      cell("d", { kind: "markdown", outputs: out }),
      cell("e", { outputs: out }),
    ];
    expect(cellsToClear(cells, (id) => id === "e")).toEqual(["a", "c"]);
  });
});
