// One cell through runner.py, shared by the browser worker and the Node worker (so both give
// the same statuses and the same error output for the same failure).
import type { PyProxy } from "pyodide/ffi";
import type { Output } from "@/lib/notebook/outputs";

export type CellStatus = "ok" | "error" | "interrupted";

export interface RunnerModule {
  run_cell(code: string, executionCount: number): string | PyProxy;
  attach(sink: (json: string) => void): void;
  /** The switch that starts (true) or stops Python reading the page's SIGINT cell (worker-core readSignals). */
  attach_signals(sw: (on: boolean) => void): void;
  /** Cancels the awaiting cell's task; false when no cell awaits. */
  interrupt(): boolean;
  user_variables(): PyProxy & { toJs(): unknown };
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs `code` as cell `executionCount`. runner.py reports the cell's own exceptions as outputs
 * and returns its status; a cell with top-level await hands back a coroutine to await. Only an
 * interrupt landing inside the runner itself (between user statements) escapes: it becomes the
 * cell's error output here.
 */
export async function executeCell(
  runner: RunnerModule,
  code: string,
  executionCount: number,
  emit: (output: Output) => void,
): Promise<CellStatus> {
  try {
    const result = runner.run_cell(code, executionCount);
    if (typeof result === "string") return result as CellStatus;
    try {
      return (await (result as unknown as PromiseLike<string>)) as CellStatus;
    } finally {
      result.destroy();
    }
  } catch (e) {
    if (isFatal(e)) throw e;
    return reportEscaped(e, emit);
  }
}

/**
 * Whether Pyodide can no longer be used: it marks the error of a fatal failure (a JS stack
 * overflow, a wasm trap, out of memory) and answers every later call with "already fatally failed".
 */
export function isFatal(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  if ((e as { pyodide_fatal_error?: unknown }).pyodide_fatal_error === true) return true;
  return /Pyodide already (fatally failed|exited)/.test(errorText(e));
}

/** An exception from our own code around a cell (not the cell's): shown as the cell's error. */
export function reportEscaped(e: unknown, emit: (output: Output) => void): CellStatus {
  const interrupted = e instanceof Error && e.message.includes("KeyboardInterrupt");
  emit({
    output_type: "error",
    ename: interrupted ? "KeyboardInterrupt" : "InternalError",
    evalue: errorText(e),
    traceback: [],
  });
  return interrupted ? "interrupted" : "error";
}
