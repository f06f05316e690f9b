// The Kernel interface: what the notebook UI and the agent loop talk to.
// WorkerKernel implements it (BrowserKernel on the page, NodeKernel for evaluation); the
// file-syncing kernel (lib/files) wraps it, and test doubles can implement it too.
import type { Output } from "@/lib/notebook/outputs";
import type { FileEntry } from "@/lib/kernel/protocol";

/** Kernel lifecycle as a tagged union, never a set of booleans. */
export type KernelStatus =
  | { state: "starting"; progress: string }
  | { state: "ready" }
  /** activity: what the run is doing before its code starts, e.g. "Loading pandas… 3.1 of 12 MB". */
  | { state: "busy"; activity?: string }
  | { state: "dead"; error: string };

export type RunStatus = "ok" | "error" | "interrupted" | "cancelled";

export interface RunResult {
  status: RunStatus;
  /** Jupyter-style counter; null when the run never started (cancelled). */
  executionCount: number | null;
  outputs: Output[];
  durationMs: number;
  /** Output files this run wrote that were saved (set by the file-syncing kernel, lib/files). */
  savedFiles?: string[];
}

export interface RunOptions {
  /** Called once when this run leaves the queue and starts executing. */
  onStart?: (executionCount: number) => void;
  /** Called for every output as it is produced (stream chunks are not yet merged). */
  onOutput?: (output: Output) => void;
  /** Packages the cell imports are loading: a progress line, then null when done. */
  onPackageProgress?: (message: string | null) => void;
  /** Resolve only once the output files this run wrote are saved (RunResult.savedFiles). */
  awaitSavedFiles?: boolean;
  /** Aborting it cancels the run if it is still queued (Run all stops at the first error); a started run is not affected. */
  signal?: AbortSignal;
}

/** How an interrupt ended: no run was executing, the run stopped, the kernel restarted, or the run still runs. */
export type InterruptOutcome = "idle" | "stopped" | "restarted" | "still-running";

export interface InterruptOptions {
  /**
   * What to do when the run has not stopped within the grace period (a long C call): restart the
   * interpreter (the default: the agent's Stop and evaluation timeouts), or leave it running and
   * answer "still-running" so that the caller can ask the person before variables are lost.
   */
  restartIfStuck?: boolean;
}

/** The names the person's cells defined (not modules, not _-prefixed): what a restart loses. */
export interface UserVariables {
  /** The first few, in the order they were defined. */
  names: string[];
  /** How many there are in all. */
  count: number;
}

export interface Kernel {
  status(): KernelStatus;
  /** Subscribe to status changes; returns an unsubscribe function. */
  onStatus(listener: (status: KernelStatus) => void): () => void;
  /** Queue code for execution in the shared namespace. Runs in submission order. */
  run(code: string, options?: RunOptions): Promise<RunResult>;
  /**
   * Interrupt the running cell (KeyboardInterrupt; time.sleep ends at once) and cancel every
   * queued run, as Jupyter does. If the cell has not stopped within the grace period (a long C
   * call), the kernel restarts, unless `restartIfStuck` is false.
   */
  interrupt(options?: InterruptOptions): Promise<InterruptOutcome>;
  /**
   * Fresh interpreter: namespace cleared, queued runs cancelled, counter reset. An interpreter that
   * crashes (a fatal Pyodide error, a dead worker) is replaced the same way, by itself: the run
   * that was executing ends with a "KernelCrashed" error output saying so.
   */
  restart(): Promise<void>;
  /**
   * What a restart would lose, asked of an idle interpreter; null when it cannot tell now (a cell
   * runs or is stuck): assume variables exist.
   */
  userVariables(): Promise<UserVariables | null>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  deleteFile(path: string): Promise<void>;
  /** Regular files under a folder, recursively, with size and modification time. */
  listFiles(dir: string): Promise<FileEntry[]>;
  dispose(): void;
}
