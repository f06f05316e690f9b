// An evaluation task in the PyBench manner: input files under data/, a prompt that says where the
// data is and where to save results (./output/…), the Pyodide packages it needs, a reference
// solution, and a checker that grades the final answer and the files under output/.
export const CATEGORIES = ["csv", "stats", "text", "math", "conversion", "image", "chart", "ml", "pybench"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CheckInput {
  /** The model's final answer (text of its last message); "" when the run ended without one. */
  finalText: string;
  /** Files under output/ after the run, by path relative to the working directory ("output/x.csv"). */
  outputs: ReadonlyMap<string, Uint8Array>;
  /** The task's input files, by path ("data/x.csv"). */
  inputs: ReadonlyMap<string, Uint8Array>;
}

export interface CheckResult {
  pass: boolean;
  /** Why, in a sentence a person tuning the agent can act on. */
  reason: string;
}

export interface EvalTask {
  /** Unique, stable, kebab-case: "csv-sales-by-region". */
  id: string;
  category: Category;
  prompt: string;
  /** Input files by path ("data/sales.csv"); generated deterministically. */
  files: () => Map<string, Uint8Array>;
  /** Pyodide packages the task needs; [] = standard library only. */
  packages: readonly string[];
  /** Python that solves the task and prints the answer last (the reference policy's cell). */
  reference?: string;
  /** Graded in TypeScript. */
  check?: (input: CheckInput) => CheckResult;
  /**
   * Graded in Python, run in the task's interpreter after the agent finished, in a namespace of
   * its own: prints one JSON line {"pass": bool, "reason": str}. For outputs TypeScript cannot
   * read without a library (SQLite databases, XML). Sees FINAL_TEXT as a global.
   */
  pythonCheck?: string;
  source?: "pylot" | "pybench";
}

export const isStdlibOnly = (t: EvalTask) => t.packages.length === 0;
export const isGradable = (t: EvalTask) => Boolean(t.check || t.pythonCheck);
