// Pure operations on the ordered cell list; the UI reducer and the tests share them.
import type { CellDoc } from "./cell";

export function insertCell(cells: readonly CellDoc[], index: number, cell: CellDoc): CellDoc[] {
  const at = Math.max(0, Math.min(index, cells.length));
  return [...cells.slice(0, at), cell, ...cells.slice(at)];
}

export function removeCell(cells: readonly CellDoc[], id: string): CellDoc[] {
  return cells.filter((c) => c.id !== id);
}

/** Moves a cell by delta places (−1 up, +1 down); unchanged at the edges. */
export function moveCell(cells: readonly CellDoc[], id: string, delta: number): CellDoc[] {
  const from = cells.findIndex((c) => c.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= cells.length) return [...cells];
  const next = [...cells];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

export function updateCell(cells: readonly CellDoc[], id: string, patch: Partial<CellDoc>): CellDoc[] {
  return cells.map((c) => (c.id === id ? { ...c, ...patch } : c));
}

/** True when two id lists name the same cells (order aside) without repeats. */
export function sameCellSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return set.size === a.length && b.every((id) => set.has(id));
}

/** Moves a cell to position `to` of the list without it (a drag's drop point); clamped to the ends. */
export function moveCellTo(cells: readonly CellDoc[], id: string, to: number): CellDoc[] {
  const moved = cells.find((c) => c.id === id);
  if (!moved) return [...cells];
  const rest = cells.filter((c) => c.id !== id);
  const at = Math.max(0, Math.min(to, rest.length));
  return [...rest.slice(0, at), moved, ...rest.slice(at)];
}

/** The ids from `anchor` to `head` inclusive, in document order (a Shift+↑/↓ selection). */
export function cellRange(cells: readonly CellDoc[], anchor: string, head: string): string[] {
  const a = cells.findIndex((c) => c.id === anchor);
  const b = cells.findIndex((c) => c.id === head);
  if (a < 0 || b < 0) return b >= 0 ? [head] : [];
  const [from, to] = a <= b ? [a, b] : [b, a];
  return cells.slice(from, to + 1).map((c) => c.id);
}
