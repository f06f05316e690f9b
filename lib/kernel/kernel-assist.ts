// Completion and help from the running interpreter (worker/complete.py), for the editor. The
// worker is single-threaded: while a cell runs (or waits) the kernel answers "busy" at once
// instead of queueing behind it.
import * as z from "zod/mini";
import type { CompleteRequest, InspectRequest } from "@/lib/kernel/protocol";

/** What a kernel offers for completion (WorkerKernel.assist); null: busy, or not available now. */
export interface AssistSource {
  assist(request: (id: number) => CompleteRequest | InspectRequest): Promise<string | null>;
}

export const completionKinds = ["module", "class", "function", "variable", "keyword", "key"] as const;

const completionsSchema = z.object({
  /** How many characters before the cursor the items replace (the part of the word typed). */
  replace: z.int().check(z.nonnegative()),
  items: z.array(z.object({ label: z.string(), kind: z.enum(completionKinds) })),
});
const inspectionSchema = z.nullable(z.object({ signature: z.string(), type: z.string(), doc: z.string() }));

export type Completions = z.infer<typeof completionsSchema>;
export type Inspection = z.infer<typeof inspectionSchema>;

export type Assisted<T> = { status: "ok"; value: T } | { status: "busy" };

function parsed<T>(json: string | null, schema: z.ZodMiniType<T>): Assisted<T> {
  if (json === null) return { status: "busy" };
  const result = schema.safeParse(JSON.parse(json));
  return result.success ? { status: "ok", value: result.data } : { status: "busy" };
}

/** Completions for the end of `line`, the text before the cursor. */
export async function completeLine(source: AssistSource, line: string): Promise<Assisted<Completions>> {
  return parsed(await source.assist((id) => ({ type: "complete", id, line })), completionsSchema);
}

/** Signature and documentation of a dotted name (`os.path.join`); value null when it is not defined. */
export async function inspectName(source: AssistSource, name: string): Promise<Assisted<Inspection>> {
  return parsed(await source.assist((id) => ({ type: "inspect", id, name })), inspectionSchema);
}

/** The dotted name that ends at `column` (0-based, exclusive) of `line`, extended to the end of its word. */
export function dottedNameAt(line: string, column: number): string | null {
  const after = /^\w*/.exec(line.slice(column))![0];
  const before = /[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*\.?\w*$/.exec(line.slice(0, column))?.[0] ?? "";
  const name = before + after;
  return /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/.test(name) ? name : null;
}
