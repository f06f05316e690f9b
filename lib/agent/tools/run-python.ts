// The agent's one action: run Python in the person's notebook. Each call becomes a new cell.
import { z } from "zod";

export const RUN_PYTHON = "run_python";

export const runPythonInputSchema = z.object({ code: z.string().min(1).max(200_000) });

export const runPythonTool = {
  name: RUN_PYTHON,
  description:
    "Run Python code as a new cell in the person's notebook and get its output (stdout, stderr, the value of the last expression, figures as images, or the traceback). " +
    "The namespace is shared with earlier cells, like Jupyter. Use it for every computation; do not guess results.",
  input_schema: {
    type: "object" as const,
    properties: { code: { type: "string", description: "Python source to run as one notebook cell." } },
    required: ["code"],
  },
};
