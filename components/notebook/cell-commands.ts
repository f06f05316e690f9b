// The actions on a cell shown in its action bar (on the selected or hovered cell only, as Colab
// does), in order. One entry per action: adding one (say, "Clear output") is one line here.
import type { CellDoc } from "@/lib/notebook/cell";
import type { CellActions } from "./cell-view";
import type { RunPhase } from "./use-cell-runtime";

export interface CellCommandContext {
  cell: CellDoc;
  index: number;
  count: number;
  phase: RunPhase | null;
  actions: CellActions;
}

export interface CellCommand {
  /** The accessible name (also the tooltip, with `keys`). */
  label: string;
  icon: string;
  /** The command-mode key, shown in the tooltip. */
  keys?: string;
  danger?: boolean;
  disabled?(c: CellCommandContext): boolean;
  run(c: CellCommandContext): void;
}

export const CELL_COMMANDS: CellCommand[] = [
  { label: "Run cell", icon: "▶", keys: "Ctrl+Enter", run: (c) => c.actions.onRun(c.cell.id, "stay") },
  {
    label: "Move cell up",
    icon: "↑",
    disabled: (c) => c.index === 0,
    run: (c) => c.actions.onMove(c.cell.id, -1),
  },
  {
    label: "Move cell down",
    icon: "↓",
    disabled: (c) => c.index === c.count - 1,
    run: (c) => c.actions.onMove(c.cell.id, 1),
  },
  { label: "Add cell above", icon: "+↑", keys: "A", run: (c) => c.actions.onInsert(c.index, "code") },
  { label: "Add cell below", icon: "+↓", keys: "B", run: (c) => c.actions.onInsert(c.index + 1, "code") },
  { label: "Duplicate cell", icon: "❐", keys: "Shift+D", run: (c) => c.actions.onDuplicate(c.cell.id) },
  { label: "Delete cell", icon: "✕", keys: "D, D", danger: true, run: (c) => c.actions.onDelete(c.cell.id) },
];
