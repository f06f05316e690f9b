// Work queued in a WorkerKernel: cell runs and other requests (files, reset), handed to the
// worker one at a time in submission order, and how each ends when the worker does not answer
// (restart, interrupt escalation, crash, dispose).
import type { RunOptions, RunResult, RunStatus } from "@/lib/kernel/kernel";
import {
  assertNever,
  type DeleteFileRequest,
  type FileEntry,
  type ListFilesRequest,
  type ReadFileRequest,
  type ResetRequest,
  type WriteFileRequest,
} from "@/lib/kernel/protocol";
import type { ErrorOutput, Output } from "@/lib/notebook/outputs";

export interface RunJob {
  kind: "run";
  code: string;
  options: RunOptions;
  /** Merged as they arrive (consecutive stream chunks join), like the final RunResult. */
  outputs: Output[];
  executionCount: number | null;
  startedAt: number;
  resolve(result: RunResult): void;
  /** Settles with the run, whichever way it ends. */
  finished: Promise<RunResult>;
}

export interface FileJob {
  kind: "file";
  /** Builds the request once the job gets its id, at dispatch. */
  request(id: number): WriteFileRequest | ReadFileRequest | ListFilesRequest | DeleteFileRequest | ResetRequest;
  describe: string;
  resolve(data: FileReply): void;
  reject(error: Error): void;
}

/** What a file job's reply carries: a file's bytes (readFile), a listing, or nothing (writeFile). */
export type FileReply = Uint8Array | FileEntry[] | null;

export type Job = RunJob | FileJob;

export function newRunJob(code: string, options: RunOptions): RunJob {
  let resolve!: (result: RunResult) => void;
  const finished = new Promise<RunResult>((r) => (resolve = r));
  return { kind: "run", code, options, outputs: [], executionCount: null, startedAt: 0, resolve, finished };
}

/** Same merge as appendOutput, in place: the job's list is private until the run settles. */
export function pushOutput(outputs: Output[], next: Output): void {
  const last = outputs[outputs.length - 1];
  if (next.output_type === "stream" && last?.output_type === "stream" && last.name === next.name) {
    outputs[outputs.length - 1] = { ...last, text: last.text + next.text };
  } else {
    outputs.push(next);
  }
}

export function kernelError(ename: string, evalue: string): ErrorOutput {
  return { output_type: "error", ename, evalue, traceback: [`${ename}: ${evalue}`] };
}

/** Ends a run the worker will never finish; `error` (if any) is shown as its last output. */
export function settleRun(job: RunJob, status: RunStatus, error: ErrorOutput | null): void {
  if (error) pushOutput(job.outputs, error);
  job.resolve({
    status,
    executionCount: job.executionCount,
    outputs: job.outputs,
    durationMs: job.executionCount === null ? 0 : performance.now() - job.startedAt,
  });
}

/** A run that never started (queued when the kernel restarted or was disposed). */
export function cancelRun(job: RunJob): void {
  job.resolve({ status: "cancelled", executionCount: null, outputs: [], durationMs: 0 });
}

/** Why the worker went away; decides how the active run and the queue end. */
export type StopReason =
  | { kind: "restart" }
  | { kind: "interrupt-timeout"; graceMs: number }
  | { kind: "interrupt-unsupported" }
  /** The interpreter failed while in use (fatal Pyodide error, worker crash, out of memory). */
  | { kind: "crashed"; error: string }
  /** It never became usable (start-up failed) or the protocol broke: the kernel stays dead. */
  | { kind: "died"; error: string }
  | { kind: "disposed" };

/** The label shown while a crashed interpreter is replaced. */
export const CRASH_RESTARTING = "Python crashed: restarting…";

export function activeRunOutcome(reason: StopReason): { status: RunStatus; error: ErrorOutput } {
  const lost = "its variables are gone.";
  switch (reason.kind) {
    case "restart":
      return {
        status: "interrupted",
        error: kernelError("KernelRestarted", `The kernel was restarted while this cell was running; ${lost}`),
      };
    case "interrupt-timeout":
      return {
        status: "interrupted",
        error: kernelError(
          "KeyboardInterrupt",
          `The cell did not stop within ${reason.graceMs / 1000} s of the interrupt (a long call in C code cannot be interrupted), so the kernel was restarted; ${lost}`,
        ),
      };
    case "interrupt-unsupported":
      return {
        status: "interrupted",
        error: kernelError(
          "KeyboardInterrupt",
          `Interrupted by restarting the kernel (the page is not cross-origin isolated, so Python cannot be interrupted in place); ${lost}`,
        ),
      };
    case "crashed":
      return {
        status: "error",
        error: kernelError(
          "KernelCrashed",
          `Python crashed (${reason.error}), so the interpreter was restarted: its variables and imports are gone; run the cells this one needs again.`,
        ),
      };
    case "died":
      return { status: "error", error: kernelError("KernelDied", reason.error) };
    case "disposed":
      return {
        status: "interrupted",
        error: kernelError("KernelDisposed", "The kernel was shut down while this cell was running."),
      };
    default:
      return assertNever(reason, "stop reason");
  }
}

export function stopMessage(reason: StopReason): string {
  switch (reason.kind) {
    case "crashed":
      return `Python crashed (${reason.error}) and was restarted`;
    case "died":
      return `the kernel died: ${reason.error}`;
    case "disposed":
      return "the kernel was shut down";
    case "restart":
    case "interrupt-timeout":
    case "interrupt-unsupported":
      return "the kernel was restarted";
    default:
      return assertNever(reason, "stop reason");
  }
}
