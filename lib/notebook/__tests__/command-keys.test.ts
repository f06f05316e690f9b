import { describe, expect, it } from "vitest";
import type { CellDoc } from "../cell";
import { commandForKey, type KeyPress } from "../command-keys";
import { cellRange, moveCellTo } from "../document-ops";

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const cmd = (key: string, mods: Partial<KeyPress> = {}, afterD = false) => commandForKey(press(key, mods), afterD);

describe("command-mode keys", () => {
  it("maps JupyterLab's letters", () => {
    expect(cmd("a")).toEqual({ command: "insert-above" });
    expect(cmd("b")).toEqual({ command: "insert-below" });
    expect(cmd("m")).toEqual({ command: "to-markdown" });
    expect(cmd("y")).toEqual({ command: "to-code" });
    expect(cmd("z")).toEqual({ command: "undo-delete" });
    expect(cmd("c")).toEqual({ command: "copy" });
    expect(cmd("x")).toEqual({ command: "cut" });
    expect(cmd("v")).toEqual({ command: "paste-below" });
    expect(cmd("V", { shiftKey: true })).toEqual({ command: "paste-above" });
    expect(cmd("h")).toEqual({ command: "help" });
    expect(cmd("A", { shiftKey: false })).toEqual({ command: "insert-above" }); // Caps Lock
  });
  it("deletes on the second D only", () => {
    expect(cmd("d")).toEqual({ pendingD: true });
    expect(cmd("d", {}, true)).toEqual({ command: "delete" });
  });
  it("moves and extends the selection with arrows and J/K", () => {
    expect(cmd("ArrowUp")).toEqual({ command: "select-up" });
    expect(cmd("k")).toEqual({ command: "select-up" });
    expect(cmd("ArrowDown")).toEqual({ command: "select-down" });
    expect(cmd("j")).toEqual({ command: "select-down" });
    expect(cmd("ArrowUp", { shiftKey: true })).toEqual({ command: "extend-up" });
    expect(cmd("J", { shiftKey: true })).toEqual({ command: "extend-down" });
  });
  it("runs with Shift/Ctrl/Alt+Enter and edits with Enter", () => {
    expect(cmd("Enter")).toEqual({ command: "edit" });
    expect(cmd("Enter", { shiftKey: true })).toEqual({ command: "run-advance" });
    expect(cmd("Enter", { ctrlKey: true })).toEqual({ command: "run" });
    expect(cmd("Enter", { metaKey: true })).toEqual({ command: "run" });
    expect(cmd("Enter", { altKey: true })).toEqual({ command: "run-insert" });
  });
  it("takes Ctrl+Z as undo of deletion and blocks the browser's redo; leaves other shortcuts alone", () => {
    expect(cmd("z", { ctrlKey: true })).toEqual({ command: "undo-delete" });
    expect(cmd("Z", { ctrlKey: true, shiftKey: true })).toEqual({ command: "block-browser-undo" });
    expect(cmd("y", { ctrlKey: true })).toEqual({ command: "block-browser-undo" });
    expect(cmd("c", { ctrlKey: true })).toBeNull();
    expect(cmd("a", { ctrlKey: true })).toEqual({ command: "select-all" });
    expect(cmd("a", { metaKey: true })).toEqual({ command: "select-all" });
    expect(cmd("f", { metaKey: true })).toBeNull();
    expect(cmd("a", { altKey: true })).toBeNull();
    expect(cmd("q")).toBeNull();
    expect(cmd("Tab")).toBeNull();
  });
});

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

describe("drag and selection operations", () => {
  const cells = [cell("a"), cell("b"), cell("c"), cell("d")];
  it("moves a cell to a drop position, clamped", () => {
    expect(ids(moveCellTo(cells, "a", 2))).toEqual(["b", "c", "a", "d"]);
    expect(ids(moveCellTo(cells, "d", 0))).toEqual(["d", "a", "b", "c"]);
    expect(ids(moveCellTo(cells, "b", 99))).toEqual(["a", "c", "d", "b"]);
    expect(ids(moveCellTo(cells, "b", -3))).toEqual(["b", "a", "c", "d"]);
    expect(ids(moveCellTo(cells, "nope", 1))).toEqual(["a", "b", "c", "d"]);
  });
  it("gives the range between anchor and head in document order", () => {
    expect(cellRange(cells, "c", "a")).toEqual(["a", "b", "c"]);
    expect(cellRange(cells, "b", "b")).toEqual(["b"]);
    expect(cellRange(cells, "gone", "d")).toEqual(["d"]);
  });
});
