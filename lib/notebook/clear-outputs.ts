// "Clear outputs", for one cell or all: which cells have something to clear. Clearing saves empty
// outputs and no execution count through the same output save as a run (so a reload, and the
// share page, show them cleared). A cell still queued or running is left alone: its run would
// bring outputs back as it ends.
import type { CellDoc } from "./cell";

const hasOutputs = (cell: CellDoc) =>
  cell.kind === "code" && (cell.outputs.length > 0 || cell.executionCount !== null || cell.durationMs !== null);

/** Ids of the cells "Clear all outputs" clears, in order. */
export function cellsToClear(cells: readonly CellDoc[], isActive: (cellId: string) => boolean): string[] {
  return cells.filter((c) => hasOutputs(c) && !isActive(c.id)).map((c) => c.id);
}

/** What a cleared cell holds. */
export const CLEARED = { outputs: [], executionCount: null, durationMs: null } as const;
