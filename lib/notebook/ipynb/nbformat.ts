// The nbformat 4 file shapes we read (4.0–4.5) and write (4.5). Reading is lenient where nbformat
// is (multiline strings as a string or a list of lines; unknown metadata kept as is).
import { z } from "zod";

const multiline = z.union([z.string(), z.array(z.string())]);
const jsonObject = z.record(z.string(), z.unknown());

export const ipynbOutputSchema = z.discriminatedUnion("output_type", [
  z.object({ output_type: z.literal("stream"), name: z.string(), text: multiline }),
  z.object({
    output_type: z.literal("execute_result"),
    execution_count: z.number().int().nullable(),
    data: jsonObject,
    metadata: jsonObject.optional(),
  }),
  z.object({ output_type: z.literal("display_data"), data: jsonObject, metadata: jsonObject.optional() }),
  z.object({ output_type: z.literal("error"), ename: z.string(), evalue: z.string(), traceback: z.array(z.string()) }),
]);

const cellBase = {
  id: z.string().optional(),
  source: multiline,
  metadata: jsonObject.optional(),
};

export const ipynbCellSchema = z.discriminatedUnion("cell_type", [
  z.object({
    ...cellBase,
    cell_type: z.literal("code"),
    execution_count: z.number().int().nullable().optional(),
    outputs: z.array(ipynbOutputSchema).optional(),
  }),
  z.object({ ...cellBase, cell_type: z.literal("markdown"), attachments: jsonObject.optional() }),
  z.object({ ...cellBase, cell_type: z.literal("raw"), attachments: jsonObject.optional() }),
]);

export const ipynbSchema = z.object({
  nbformat: z.literal(4),
  nbformat_minor: z.number().int().min(0),
  metadata: jsonObject.optional(),
  cells: z.array(ipynbCellSchema),
});

export type IpynbOutput = z.infer<typeof ipynbOutputSchema>;
export type IpynbCell = z.infer<typeof ipynbCellSchema>;

/** What a notebook file looks like when we write it (nbformat 4.5). */
export interface IpynbFile {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: Record<string, unknown>;
  cells: Record<string, unknown>[];
}

/** nbformat 4.5 cell ids. */
export const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;

export function joinMultiline(value: string | string[]): string {
  return Array.isArray(value) ? value.join("") : value;
}

/** Jupyter's own convention for multiline strings: lines with their line endings kept. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The per-cell extras kept in Cell.metadata so a file round-trips: its metadata, attachments and id. */
export interface CellExtras {
  metadata?: Record<string, unknown>;
  attachments?: Record<string, unknown>;
  id?: string;
}
