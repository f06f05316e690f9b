// Command mode's keys, as in JupyterLab: a pure map from a key press to a notebook command, so
// the table is tested apart from the page. Edit-mode keys (Shift/Ctrl/Alt+Enter, Esc) live in the
// editor (components/code-editor).

export type NotebookCommand =
  | "edit" // Enter: edit the selected cell
  | "select-up"
  | "select-down"
  | "extend-up" // Shift+↑: grow the selection
  | "extend-down"
  | "select-all" // Ctrl+A: every cell (the page's select-all would highlight the whole UI)
  | "insert-above" // A
  | "insert-below" // B
  | "delete" // D, D
  | "to-markdown" // M
  | "to-code" // Y
  | "to-raw" // R
  | "undo-delete" // Z (and Ctrl+Z outside an editor)
  | "copy" // C
  | "cut" // X
  | "paste-below" // V
  | "paste-above" // Shift+V
  | "duplicate" // Shift+D
  | "run-advance" // Shift+Enter
  | "run" // Ctrl+Enter
  | "run-insert" // Alt+Enter
  | "help" // H
  | "block-browser-undo"; // Ctrl+Shift+Z / Ctrl+Y: never let the page's undo reach a field out of focus

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The command for a key press in command mode; "pending-d" after a first D (a second one deletes). */
export function commandForKey(
  press: KeyPress,
  afterD: boolean,
): { command: NotebookCommand } | { pendingD: true } | null {
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (key === "Enter") {
    if (mod) return { command: "run" };
    if (press.altKey) return { command: "run-insert" };
    if (press.shiftKey) return { command: "run-advance" };
    return { command: "edit" };
  }
  if (mod) {
    if (key === "z" && !press.shiftKey && !press.altKey) return { command: "undo-delete" };
    if ((key === "z" && press.shiftKey) || key === "y") return { command: "block-browser-undo" };
    if (key === "a" && !press.shiftKey && !press.altKey) return { command: "select-all" };
    return null; // Ctrl+C, Ctrl+F… stay the browser's
  }
  if (press.altKey) return null;
  if (key === "ArrowUp" || key === "k") return { command: press.shiftKey ? "extend-up" : "select-up" };
  if (key === "ArrowDown" || key === "j") return { command: press.shiftKey ? "extend-down" : "select-down" };
  if (press.shiftKey) {
    if (key === "v") return { command: "paste-above" };
    if (key === "d") return { command: "duplicate" };
    return null;
  }
  switch (key) {
    case "a":
      return { command: "insert-above" };
    case "b":
      return { command: "insert-below" };
    case "d":
      return afterD ? { command: "delete" } : { pendingD: true };
    case "m":
      return { command: "to-markdown" };
    case "y":
      return { command: "to-code" };
    case "r":
      return { command: "to-raw" };
    case "z":
      return { command: "undo-delete" };
    case "c":
      return { command: "copy" };
    case "x":
      return { command: "cut" };
    case "v":
      return { command: "paste-below" };
    case "h":
      return { command: "help" };
    default:
      return null;
  }
}

/** The rows of the keyboard help sheet: [keys, what they do]. */
export const KEY_HELP: { mode: "Command mode (Esc)" | "Edit mode (Enter)"; rows: [string, string][] }[] = [
  {
    mode: "Edit mode (Enter)",
    rows: [
      ["Shift+Enter", "Run, then edit the next cell (adds one at the end)"],
      ["Ctrl+Enter", "Run, stay in the cell"],
      ["Alt+Enter", "Run, insert a cell below and edit it"],
      ["Esc", "Command mode"],
    ],
  },
  {
    mode: "Command mode (Esc)",
    rows: [
      ["Enter", "Edit the selected cell"],
      ["↑ / K, ↓ / J", "Select the cell above / below"],
      ["Shift+↑ / Shift+↓", "Extend the selection"],
      ["Ctrl+A", "Select all cells"],
      ["A / B", "Insert a cell above / below"],
      ["D, D", "Delete the selected cells"],
      ["Z", "Undo the last deletion"],
      ["M / Y / R", "Markdown / code / raw"],
      ["C / X / V", "Copy / cut / paste below (Shift+V: above)"],
      ["Shift+D", "Duplicate the selected cells"],
      ["Shift+Enter / Ctrl+Enter / Alt+Enter", "Run as in edit mode"],
      ["H", "This sheet"],
    ],
  },
];
