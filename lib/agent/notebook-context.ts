// The notebook as the model sees it at the start of a request: every cell in order with its
// author, whether the person changed it since their previous request, its source and a short
// output summary. Bounded: when too long, unchanged cells (oldest first) shrink to one line first.
import type { CellAuthor, CellKind } from "@/lib/notebook/cell";
import type { Output } from "@/lib/notebook/outputs";
import { renderFiles, type ContextFile } from "./file-context";
import { shapeObservation, truncateMiddle } from "./observation";

export type { ContextFile } from "./file-context";

export interface ContextCell {
  kind: CellKind;
  author: CellAuthor;
  source: string;
  outputs: readonly Output[];
  executionCount: number | null;
  createdAt: Date;
  /** Last time a person saved an edit of this cell (null if never). */
  editedAt: Date | null;
}

export interface NotebookContextInput {
  cells: readonly ContextCell[];
  /** When the person's previous request started; null for the first request in this notebook. */
  previousRequestAt: Date | null;
  /** The notebook's files (absent: not known here, e.g. an evaluation harness). */
  files?: readonly ContextFile[];
  /** How many files the notebook has, when more than `files` lists. */
  fileCount?: number;
}

export interface ContextLimits {
  sourceChars: number;
  outputChars: number;
  totalChars: number;
}

export const CONTEXT_LIMITS: ContextLimits = { sourceChars: 2000, outputChars: 500, totalChars: 30_000 };

type Change = "added" | "edited" | null;

function changeOf(cell: ContextCell, since: Date | null): Change {
  if (!since) return null;
  if (cell.author === "person" && cell.createdAt > since) return "added";
  if (cell.editedAt && cell.editedAt > since) return "edited";
  return null;
}

function fence(text: string): string {
  let f = "```";
  while (text.includes(f)) f += "`";
  return f;
}

/** Images become a short marker: the context is text; figures reach the model as tool results. */
function outputSummary(outputs: readonly Output[], maxChars: number): string {
  const textual = outputs.map((o): Output => {
    if (o.output_type !== "display_data" && o.output_type !== "execute_result") return o;
    const image = Object.keys(o.data).find((m) => m.startsWith("image/"));
    return image ? { ...o, data: { "text/plain": `[${image} figure]` } } : o;
  });
  const status = outputs.some((o) => o.output_type === "error") ? "error" : "ok";
  const block = shapeObservation(textual, status, [], { maxTextChars: maxChars, maxImages: 0, maxImageBase64: 0 })
    .content[0];
  return block?.type === "text" ? block.text : "";
}

function header(cell: ContextCell, n: number, change: Change): string {
  const who = cell.author === "agent" ? "written by you" : "written by the person";
  const changed =
    change === "added"
      ? " · ADDED by the person since their previous request"
      : change === "edited"
        ? " · EDITED by the person since their previous request"
        : "";
  return `### cell ${n} · ${cell.kind} · ${who}${changed}`;
}

function renderFull(cell: ContextCell, n: number, change: Change, limits: ContextLimits): string {
  const lines = [header(cell, n, change)];
  if (!cell.source.trim()) {
    lines.push("(empty)");
    return lines.join("\n");
  }
  const source = truncateMiddle(cell.source, limits.sourceChars);
  const lang = cell.kind === "code" ? "python" : cell.kind === "markdown" ? "markdown" : "";
  lines.push(`${fence(source)}${lang}\n${source}\n${fence(source)}`);
  if (cell.kind === "code") {
    if (cell.outputs.length === 0) lines.push(cell.executionCount === null ? "(not run yet)" : "(ran, no output)");
    else {
      const out = outputSummary(cell.outputs, limits.outputChars);
      lines.push(`output:\n${fence(out)}\n${out}\n${fence(out)}`);
    }
  }
  return lines.join("\n");
}

function renderBrief(cell: ContextCell, n: number, change: Change): string {
  const lines = cell.source.split("\n");
  const first = (lines.find((l) => l.trim()) ?? "").trim().slice(0, 100);
  const ran =
    cell.kind !== "code" ? "" : cell.executionCount === null && cell.outputs.length === 0 ? ", not run" : ", ran";
  const failed = cell.outputs.some((o) => o.output_type === "error") ? " with an error" : "";
  return `${header(cell, n, change)}\n(shortened: ${lines.length} line${lines.length === 1 ? "" : "s"}${ran}${failed}; first line: ${first ? `\`${first}\`` : "empty"})`;
}

export function renderNotebookContext(input: NotebookContextInput, limits: ContextLimits = CONTEXT_LIMITS): string {
  const cells = input.cells.map((cell, i) => {
    const change = changeOf(cell, input.previousRequestAt);
    return { cell, n: i + 1, change, text: renderFull(cell, i + 1, change, limits) };
  });
  const intro =
    `The notebook as it is now: ${cells.length} cell${cells.length === 1 ? "" : "s"}, numbered from 1 in order. ` +
    (input.previousRequestAt
      ? "Cells marked ADDED or EDITED were changed by the person since their previous request; when they refer to their own version of something, it is there."
      : "This is the person's first request in this notebook.");
  const files = input.files ? `\n\n${renderFiles(input.files, input.fileCount)}` : "";
  const wrap = (body: string) => `<notebook_context>\n${intro}\n\n${body}${files}\n</notebook_context>`;
  const size = () => cells.reduce((n, c) => n + c.text.length + 2, 0);

  // Shrink unchanged cells first, then changed ones, oldest first within each group.
  const budget = limits.totalChars - wrap("").length;
  for (const group of [cells.filter((c) => !c.change), cells.filter((c) => c.change)]) {
    for (const c of group) {
      if (size() <= budget) break;
      c.text = renderBrief(c.cell, c.n, c.change);
    }
  }
  // Thousands of cells: drop the oldest one-liners and say so.
  let dropped = 0;
  while (size() > budget && dropped < cells.length - 1) {
    dropped++;
    cells[dropped - 1]!.text = "";
  }
  const kept = cells.filter((c) => c.text);
  const omitted = dropped ? `(cells 1–${dropped} omitted to keep this short)\n\n` : "";
  const body = cells.length === 0 ? "(the notebook has no cells)" : omitted + kept.map((c) => c.text).join("\n\n");
  return wrap(body);
}
