// The agent's one action: run Python in the person's notebook. Each call becomes a new cell.
// Its definition (name, description, schema) is part of the frozen conversation prefix
// (prompts/); this file validates what the model sends.
import { z } from "zod";

export const RUN_PYTHON = "run_python";

export const runPythonInputSchema = z.object({ code: z.string().min(1).max(200_000) });
