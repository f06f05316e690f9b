// Reads an .ipynb file (nbformat 4.0–4.5) into Pylot's document model. Every failure is an
// AppError with a message a person can act on: not JSON → 400, nbformat 3 or 5 → 422, shapes
// that break the format → 400 naming where, too big → 413. Nothing is written here; the caller
// stores the result in one transaction.
import { AppError } from "@/lib/http/app-error";
import { LIMITS, type CellKind } from "@/lib/notebook/cell";
import type { Output } from "@/lib/notebook/outputs";
import { CELL_ID, ipynbSchema, joinMultiline, type CellExtras, type IpynbOutput } from "./nbformat";

export interface ImportedCell {
  kind: CellKind;
  source: string;
  outputs: Output[];
  executionCount: number | null;
  extras: CellExtras;
}

export interface ImportedNotebook {
  title: string;
  metadata: Record<string, unknown>;
  cells: ImportedCell[];
}

export function parseIpynb(text: string, fileName?: string): ImportedNotebook {
  let raw: unknown;
  try {
    // NUL and lone surrogates are kept as written, keys included: storage encodes them (lib/db/text-codec.ts).
    raw = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "This file is not valid JSON, so it is not a Jupyter notebook (.ipynb).");
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw) || !("nbformat" in raw)) {
    throw new AppError("bad_request", 'This JSON is not a Jupyter notebook: it has no "nbformat" field.');
  }
  const version = (raw as { nbformat: unknown }).nbformat;
  if (typeof version !== "number") throw new AppError("bad_request", '"nbformat" must be a number.');
  if (version !== 4) {
    throw new AppError(
      "unprocessable",
      version < 4
        ? `This is an nbformat ${version} notebook; Pylot imports nbformat 4 (4.0–4.5). Open and save it in a current Jupyter (or run \`jupyter nbconvert --to notebook\`) to upgrade it.`
        : `${newerThanSupported(version, (raw as { nbformat_minor?: unknown }).nbformat_minor)}.`,
    );
  }
  const parsed = ipynbSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    const minor = (raw as { nbformat_minor?: unknown }).nbformat_minor;
    // A newer minor version is read when it fits 4.5's shapes (as Jupyter does); when it does
    // not, its version is the cause worth naming, not the shape zod tripped on.
    if (typeof minor === "number" && minor > MAX_MINOR) {
      throw new AppError(
        "unprocessable",
        `${newerThanSupported(4, minor)}: it has something 4.5 does not${where} (${issue?.message ?? "malformed"}). Save it as nbformat 4.5 or older to import it.`,
      );
    }
    throw new AppError(
      "bad_request",
      `This notebook breaks the nbformat 4 format${where}: ${issue?.message ?? "malformed"}.`,
    );
  }
  const nb = parsed.data;
  if (nb.cells.length > LIMITS.cellsPerNotebook) {
    throw new AppError(
      "payload_too_large",
      `The notebook has ${nb.cells.length} cells; the limit is ${LIMITS.cellsPerNotebook}.`,
    );
  }
  const seenIds = new Set<string>();
  const cells = nb.cells.map((c, i): ImportedCell => {
    const source = joinMultiline(c.source);
    if (source.length > LIMITS.sourceLength) {
      throw new AppError(
        "payload_too_large",
        `Cell ${i + 1} has ${source.length} characters of source; the limit is ${LIMITS.sourceLength}.`,
      );
    }
    const extras: CellExtras = {};
    if (c.metadata && Object.keys(c.metadata).length) extras.metadata = c.metadata;
    if ("attachments" in c && c.attachments) extras.attachments = c.attachments;
    // Ids from the file are kept when valid and unique (4.5); older files get ours on export.
    if (c.id && CELL_ID.test(c.id) && !seenIds.has(c.id)) {
      extras.id = c.id;
      seenIds.add(c.id);
    }
    if (c.cell_type !== "code") return { kind: c.cell_type, source, outputs: [], executionCount: null, extras };
    const outputs = (c.outputs ?? []).map(toOutput);
    if (JSON.stringify(outputs).length > LIMITS.outputBytes) {
      throw new AppError("payload_too_large", `Cell ${i + 1}'s outputs are larger than ${LIMITS.outputBytes} bytes.`);
    }
    return { kind: "code", source, outputs, executionCount: c.execution_count ?? null, extras };
  });
  const metadata = nb.metadata ?? {};
  return { title: titleOf(metadata, fileName), metadata, cells };
}

/** The newest nbformat 4 minor version whose shapes this importer knows. */
const MAX_MINOR = 5;

function newerThanSupported(major: number, minor: unknown): string {
  const version = typeof minor === "number" && Number.isInteger(minor) && minor >= 0 ? `${major}.${minor}` : `${major}`;
  return `nbformat ${version} is newer than this importer supports (4.0–4.${MAX_MINOR})`;
}

function toOutput(o: IpynbOutput): Output {
  switch (o.output_type) {
    case "stream":
      // Pylot shows stdout and stderr; any other stream name reads as stdout.
      return { output_type: "stream", name: o.name === "stderr" ? "stderr" : "stdout", text: joinMultiline(o.text) };
    case "execute_result":
      return {
        output_type: "execute_result",
        execution_count: o.execution_count,
        data: normalizeBundle(o.data),
        metadata: o.metadata ?? {},
      };
    case "display_data":
      return { output_type: "display_data", data: normalizeBundle(o.data), metadata: o.metadata ?? {} };
    case "error":
      return { output_type: "error", ename: o.ename, evalue: o.evalue, traceback: o.traceback };
  }
}

/** JSON MIME types keep their value; every other value may be a list of lines and becomes one string. */
export function isJsonMime(mime: string): boolean {
  return /^application\/(.*\+)?json$/.test(mime);
}

function normalizeBundle(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(data)) {
    if (isJsonMime(mime)) out[mime] = value;
    else if (typeof value === "string") out[mime] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) out[mime] = value.join("");
    else
      throw new AppError(
        "bad_request",
        `This notebook breaks the nbformat 4 format: the "${mime}" output is not text.`,
      );
  }
  return out;
}

function titleOf(metadata: Record<string, unknown>, fileName?: string): string {
  const fromMeta = typeof metadata.title === "string" ? metadata.title : "";
  const fromFile = fileName?.replace(/\.ipynb$/i, "") ?? "";
  const title = (fromMeta || fromFile).trim().slice(0, LIMITS.titleLength);
  return title || "Imported notebook";
}
