// Writes a notebook as nbformat 4.5, the format JupyterLab, VS Code and Colab open. Metadata and
// attachments an import brought in are written back; cell ids are the file's own when it had
// them, else Pylot's cell ids (UUIDs fit the 4.5 id pattern).
import type { CellKind } from "@/lib/notebook/cell";
import type { Output } from "@/lib/notebook/outputs";
import { isJsonMime } from "./import-ipynb";
import { CELL_ID, splitLines, type CellExtras, type IpynbFile } from "./nbformat";

export interface ExportableCell {
  id: string;
  kind: CellKind;
  source: string;
  outputs: Output[];
  executionCount: number | null;
  extras: CellExtras;
}

export interface ExportableNotebook {
  title: string;
  metadata: Record<string, unknown>;
  cells: ExportableCell[];
}

/** What Pyodide is, for tools that read the kernelspec (kept if the notebook came with its own). */
const DEFAULT_METADATA = {
  kernelspec: { name: "python3", display_name: "Python 3 (Pyodide)", language: "python" },
  language_info: { name: "python", file_extension: ".py", mimetype: "text/x-python" },
};

export function toIpynb(nb: ExportableNotebook): IpynbFile {
  const used = new Set<string>();
  const cells = nb.cells.map((c) => {
    const id = c.extras.id && CELL_ID.test(c.extras.id) && !used.has(c.extras.id) ? c.extras.id : c.id;
    used.add(id);
    const base = { id, metadata: c.extras.metadata ?? {}, source: splitLines(c.source) };
    if (c.kind === "code") {
      return { ...base, cell_type: "code", execution_count: c.executionCount, outputs: c.outputs.map(toFileOutput) };
    }
    return { ...base, cell_type: c.kind, ...(c.extras.attachments ? { attachments: c.extras.attachments } : {}) };
  });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { ...DEFAULT_METADATA, ...nb.metadata, title: nb.title },
    cells,
  };
}

function toFileOutput(o: Output): Record<string, unknown> {
  switch (o.output_type) {
    case "stream":
      return { output_type: "stream", name: o.name, text: splitLines(o.text) };
    case "execute_result":
      return {
        output_type: "execute_result",
        execution_count: o.execution_count,
        data: fileBundle(o.data),
        metadata: o.metadata ?? {},
      };
    case "display_data":
      return { output_type: "display_data", data: fileBundle(o.data), metadata: o.metadata ?? {} };
    case "error":
      return { output_type: "error", ename: o.ename, evalue: o.evalue, traceback: o.traceback };
  }
}

/** Text MIME values as lines (Jupyter's convention); base64 images and JSON values as they are. */
function fileBundle(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(data)) {
    out[mime] =
      typeof value === "string" && !isJsonMime(mime) && (mime.startsWith("text/") || mime === "image/svg+xml")
        ? splitLines(value)
        : value;
  }
  return out;
}

/** A file name from the title that no file system or header can trip on. */
export function ipynbFileName(title: string): string {
  const base =
    title
      .replace(/[^\w .()-]+/g, "_")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 100) || "notebook";
  return `${base}.ipynb`;
}
