// Cell outputs in nbformat 4 shape, so .ipynb export/import is a direct copy.
// zod/mini: these schemas run in the browser too, and the mini build is a fraction of the classic one.
import * as z from "zod/mini";

/** nbformat multiline strings may be a string or a list of lines; we always store a string. */
export const mimeBundleSchema = z.record(z.string(), z.unknown());

export const streamOutputSchema = z.object({
  output_type: z.literal("stream"),
  name: z.enum(["stdout", "stderr"]),
  text: z.string(),
});
export const executeResultSchema = z.object({
  output_type: z.literal("execute_result"),
  execution_count: z.nullable(z.int()),
  data: mimeBundleSchema,
  metadata: z._default(z.record(z.string(), z.unknown()), {}),
});
export const displayDataSchema = z.object({
  output_type: z.literal("display_data"),
  data: mimeBundleSchema,
  metadata: z._default(z.record(z.string(), z.unknown()), {}),
});
export const errorOutputSchema = z.object({
  output_type: z.literal("error"),
  ename: z.string(),
  evalue: z.string(),
  traceback: z.array(z.string()),
});

export const outputSchema = z.discriminatedUnion("output_type", [
  streamOutputSchema,
  executeResultSchema,
  displayDataSchema,
  errorOutputSchema,
]);

export type StreamOutput = z.infer<typeof streamOutputSchema>;
export type ExecuteResult = z.infer<typeof executeResultSchema>;
export type DisplayData = z.infer<typeof displayDataSchema>;
export type ErrorOutput = z.infer<typeof errorOutputSchema>;
export type Output = z.infer<typeof outputSchema>;

/**
 * Appends an output the way Jupyter shows it: consecutive chunks of the same
 * stream merge into one output, so a cell printing 10 000 lines keeps one entry.
 * Returns a new array (outputs are React state).
 */
export function appendOutput(outputs: readonly Output[], next: Output): Output[] {
  const last = outputs[outputs.length - 1];
  if (next.output_type === "stream" && last?.output_type === "stream" && last.name === next.name) {
    return [...outputs.slice(0, -1), { ...last, text: last.text + next.text }];
  }
  return [...outputs, next];
}
