// The part of the Python worker both entry points share (py-worker.ts in the browser,
// node-py-worker.ts in a worker_thread): requests handled one after another, the run handling
// (packages, the cell, escaped exceptions, a fatal interpreter), file operations with the same
// error texts, and the reset. Each entry point only boots Pyodide its own way and posts messages.
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import type { CoreRequest, WorkerMessageInput } from "../protocol";
import type { Output } from "@/lib/notebook/outputs";
import { executeCell, isFatal, reportEscaped, type CellStatus, type RunnerModule } from "./execute-cell";
import { installRunner, type PythonModuleSource } from "./install-runner";
import { listFiles } from "./list-files";
import { RawOutput } from "./raw-output";
import DISPLAY_SOURCE from "./display.py";
import OUTPUT_SOURCE from "./output.py";
import PACKAGES_SOURCE from "./packages.py";
import RESET_SOURCE from "./reset.py";
import RUNNER_SOURCE from "./runner.py";
import SLEEP_SOURCE from "./sleep.py";
import { interruptibleWait } from "./interruptible-sleep";
import COMPLETE_SOURCE from "./complete.py";
import { limitCStack } from "./stack-limit";

export const MODULES: PythonModuleSource[] = [
  { name: "_pylot_display", file: "display.py", source: DISPLAY_SOURCE },
  { name: "_pylot_output", file: "output.py", source: OUTPUT_SOURCE },
  { name: "_pylot_packages", file: "packages.py", source: PACKAGES_SOURCE },
  { name: "_pylot_runner", file: "runner.py", source: RUNNER_SOURCE },
  { name: "_pylot_complete", file: "complete.py", source: COMPLETE_SOURCE },
];

/** A variables answer names this many at most (the restart dialog shows a few); the count is exact. */
const VARIABLE_NAMES_SENT = 20;

export type Post = (message: WorkerMessageInput, transfer?: Transferable[]) => void;

/** Loads the packages a cell imports; returns why some could not be loaded (by import name). */
export type PackageLoading = (
  py: PyodideAPI,
  code: string,
  progress: (message: string | null) => void,
  interrupted: () => boolean,
) => Promise<Record<string, string>>;

/** What an entry point hands over once Pyodide has booted. */
export interface Booted {
  py: PyodideAPI;
  /** The page's SIGINT cell; null when it cannot interrupt in place. */
  interruptCell: Int32Array | null;
  /** null: nothing is loaded on import (a missing package is the cell's ModuleNotFoundError). */
  loadPackages: PackageLoading | null;
}

interface Session {
  py: PyodideAPI;
  runner: PyProxy & RunnerModule;
  packages: PyProxy & { set_unavailable(reasons: PyProxy): void };
  /** Python closure made by reset.py; kept out of every namespace the user can reach. */
  reset: PyProxy & (() => void);
  loadPackages: PackageLoading | null;
  interruptCell: Int32Array | null;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class WorkerCore {
  private session: Session | null = null;
  /** Id of the run whose outputs are being produced; outputs outside a run go to the console. */
  private currentRun: number | null = null;
  private queue: Promise<void> = Promise.resolve();
  private fatal = false;
  /** Errors raised by callbacks between runs, shown at the start of the next run (uncaught). */
  private lateErrors: string[] = [];
  /** Whether Python has stopped reading the SIGINT cell while a cancelled cell ends (interrupt). */
  private signalsOff = false;
  private readonly rawOutput: RawOutput;

  constructor(private readonly post: Post) {
    this.rawOutput = new RawOutput((output) => {
      if (this.currentRun === null) return false;
      post({ type: "output", id: this.currentRun, outputs: [output] });
      return true;
    });
  }

  /** Queues a request; `init` is the entry point's handler for its own init request. */
  receive<I extends { type: "init"; id: number }>(request: I | CoreRequest, init: (request: I) => Promise<void>): void {
    // Not queued: it is for the run the queue is waiting on.
    if (request.type === "interrupt") {
      this.interrupt(request.id);
      return;
    }
    this.queue = this.queue
      .then(() => (request.type === "init" ? init(request as I) : this.handle(request as CoreRequest)))
      .catch((e: unknown) => this.die(errorText(e)));
  }

  get initialised(): boolean {
    return this.session !== null;
  }

  /** Installs the runner into a booted interpreter; "installed" when a snapshot held an older one. */
  install(booted: Booted): "present" | "installed" {
    const { py } = booted;
    const installed = installRunner(py, MODULES);
    limitCStack(py);
    // The page writes 2 (SIGINT) here; Python raises KeyboardInterrupt at the next bytecode.
    if (booted.interruptCell) {
      py.setInterruptBuffer(booted.interruptCell);
      installSleep(py, booted.interruptCell);
    }
    const runner = py.pyimport("_pylot_runner") as PyProxy & RunnerModule;
    const sink = (json: string) => {
      this.rawOutput.flush();
      if (this.currentRun !== null) this.post({ type: "output", id: this.currentRun, outputs: JSON.parse(json) });
    };
    runner.attach(sink);
    // Writes that bypass sys.stdout (C code, os.write(1, …)) still land in the running cell.
    py.setStdout(this.rawOutput.writer("stdout"));
    py.setStderr(this.rawOutput.writer("stderr"));
    py.setStdin({ error: true });
    const ns = py.toPy({}) as PyProxy & { get(name: string): unknown };
    try {
      py.runPython(RESET_SOURCE, { globals: ns });
      const makeReset = ns.get("_pylot_make_reset") as PyProxy & ((attach: unknown, sink: unknown) => Session["reset"]);
      try {
        this.session = {
          py,
          runner,
          packages: py.pyimport("_pylot_packages") as Session["packages"],
          reset: makeReset(runner.attach, sink),
          loadPackages: booted.loadPackages,
          interruptCell: booted.interruptCell,
        };
      } finally {
        makeReset.destroy();
      }
      const session = this.session;
      runner.attach_signals((on: boolean) => this.readSignals(session, on));
    } finally {
      ns.destroy();
    }
    return installed;
  }

  pythonVersion(): string {
    const py = this.session!.py;
    return String((py.pyimport("sys") as PyProxy & { version: string }).version).split(" ")[0]!;
  }

  private async handle(request: CoreRequest): Promise<void> {
    switch (request.type) {
      case "run":
        return this.run(request.id, request.code, request.executionCount);
      case "writeFile":
        return this.fileOp(request.id, request.path, (s, path) => {
          s.py.FS.mkdirTree(s.py.PATH.dirname(path));
          s.py.FS.writeFile(path, request.data);
          this.post({ type: "reply", id: request.id, data: null });
        });
      case "readFile":
        return this.fileOp(request.id, request.path, (s, path) => {
          const data = s.py.FS.readFile(path) as Uint8Array<ArrayBuffer>; // a fresh copy, safe to transfer
          this.post({ type: "reply", id: request.id, data }, [data.buffer]);
        });
      case "deleteFile":
        return this.fileOp(request.id, request.path, (s, path) => {
          if (s.py.FS.analyzePath(path).exists) s.py.FS.unlink(path);
          this.post({ type: "reply", id: request.id, data: null });
        });
      case "listFiles":
        return this.fileOp(request.id, request.dir, (s, dir) => {
          this.post({ type: "fileList", id: request.id, files: listFiles(s.py.FS, dir, request.dir) });
        });
      case "complete":
      case "inspect":
        return this.withSession(request.id, (s) => {
          const assist = s.py.pyimport("_pylot_complete") as PyProxy & {
            complete(line: string): string;
            inspect_name(name: string): string;
          };
          try {
            const json =
              request.type === "complete" ? assist.complete(request.line) : assist.inspect_name(request.name);
            this.post({ type: "assist", id: request.id, json });
          } finally {
            assist.destroy();
          }
        });
      case "variables":
        return this.withSession(request.id, (s) => {
          const list = s.runner.user_variables();
          try {
            const names = list.toJs() as string[];
            this.post({
              type: "variables",
              id: request.id,
              names: names.slice(0, VARIABLE_NAMES_SENT),
              count: names.length,
            });
          } finally {
            list.destroy();
          }
        });
      case "interrupt":
        return this.interrupt(request.id);
      case "reset":
        return this.withSession(request.id, (s) => {
          s.reset();
          this.post({ type: "reply", id: request.id, data: null });
        });
      default: {
        // Exhaustive when compiled (`satisfies never`), but not assertNever: this value came
        // through postMessage, so at run time it can be anything, and the worker must answer it.
        const unknown = request satisfies never as { type?: unknown; id?: unknown };
        const id = typeof unknown.id === "number" ? unknown.id : -1;
        this.post({ type: "error", id, message: `unknown request type ${String(unknown.type)}` });
      }
    }
  }

  private async run(id: number, code: string, executionCount: number): Promise<void> {
    const s = this.usable(id);
    if (!s) return;
    // The SIGINT cell is not cleared here: the kernel clears it between jobs, and clearing it
    // here would swallow an interrupt sent right after this run was posted.
    this.currentRun = id;
    const t0 = performance.now();
    const emit = (output: Output) => this.post({ type: "output", id, outputs: [output] });
    if (this.lateErrors.length > 0) {
      emit(late(this.lateErrors.join("")));
      this.lateErrors = [];
    }
    let status: CellStatus;
    try {
      if ((await this.loadPackages(s, id, code)) === "interrupted") {
        status = "interrupted";
        const evalue = "interrupted before the cell ran (while loading packages)";
        emit({ output_type: "error", ename: "KeyboardInterrupt", evalue, traceback: [`KeyboardInterrupt: ${evalue}`] });
      } else {
        status = await executeCell(s.runner, code, executionCount, emit);
      }
    } catch (e) {
      if (isFatal(e)) {
        this.rawOutput.flush();
        this.currentRun = null;
        // No runDone: the kernel ends this run itself when it replaces the interpreter.
        return this.die(errorText(e).split("\n")[0]!);
      }
      status = reportEscaped(e, emit);
    } finally {
      this.rawOutput.flush();
      this.currentRun = null;
      if (this.signalsOff) this.readSignals(s, true);
    }
    this.post({ type: "runDone", id, status, durationMs: performance.now() - t0 });
  }

  /**
   * The page's interrupt for run `id`, arriving while the worker is free: the run awaits (a cell
   * with top-level await, or packages loading). An awaiting cell's task is cancelled.
   */
  private interrupt(id: number): void {
    const s = this.session;
    if (!s || this.fatal || this.currentRun !== id) return;
    // Python does not read the SIGINT cell during our own call, or the page's SIGINT would be raised
    // inside it. When a task was cancelled it stays unread: the task now ends through the event
    // loop's code and ours while the page keeps re-signalling until the run ends, and a SIGINT
    // raised there would end the run outside the cell (a crash, or a run that never finishes).
    // runner.py's _CellAwait reads it again while the cancellation is inside the cell's own code.
    const wasReading = !this.signalsOff;
    this.readSignals(s, false);
    let stopping = false;
    try {
      stopping = s.runner.interrupt();
    } catch (e) {
      if (isFatal(e)) {
        this.die(errorText(e).split("\n")[0]!);
        return;
      }
      console.error("interrupt failed:", e); // our bug: the page's grace period still ends the run
    }
    // Nothing awaits (packages load): the loader reads the page's SIGINT itself, so it stays set.
    if (!stopping && wasReading) this.readSignals(s, true, { clear: false });
  }

  /**
   * Whether Python reads the page's SIGINT cell. Switching it back on clears the cell by default:
   * what the page wrote meanwhile was for the cell being cancelled.
   */
  private readSignals(s: Session, on: boolean, { clear = true } = {}): void {
    if (s.interruptCell === null) return;
    if (on && clear) Atomics.store(s.interruptCell, 0, 0);
    s.py.setInterruptBuffer(on ? s.interruptCell : (undefined as unknown as Int32Array));
    this.signalsOff = !on;
  }

  /** Imported packages load before the cell runs; failures become the import's error (packages.py). */
  private async loadPackages(s: Session, id: number, code: string): Promise<"interrupted" | "ready"> {
    // An interrupt while packages load ends the load and the run, before any Python runs (a
    // pending SIGINT would fire inside our own calls); the kernel clears the SIGINT cell after it.
    const interrupted = () => s.interruptCell !== null && Atomics.load(s.interruptCell, 0) === 2;
    const unavailable = s.loadPackages
      ? await s.loadPackages(s.py, code, (message) => this.post({ type: "packageProgress", id, message }), interrupted)
      : {};
    if (interrupted()) return "interrupted";
    const reasons = s.py.toPy(unavailable) as PyProxy;
    try {
      s.packages.set_unavailable(reasons);
    } finally {
      reasons.destroy();
    }
    return "ready";
  }

  private usable(id: number): Session | null {
    if (!this.session || this.fatal) {
      const message = this.fatal ? "the interpreter has failed" : "the interpreter is not initialised";
      this.post({ type: "error", id, message });
      return null;
    }
    return this.session;
  }

  private withSession(id: number, op: (s: Session) => void): void {
    const s = this.usable(id);
    if (!s) return;
    try {
      op(s);
    } catch (e) {
      if (isFatal(e)) this.die(errorText(e).split("\n")[0]!);
      else this.post({ type: "error", id, message: fsErrorText(s, e) });
    }
  }

  private fileOp(id: number, path: string, op: (s: Session, absolute: string) => void): void {
    this.withSession(id, (s) => {
      // FS.mkdirTree treats every path as absolute: resolve against the cwd Python sees.
      op(s, s.py.PATH.normalize(path.startsWith("/") ? path : `${s.py.FS.cwd()}/${path}`));
    });
  }

  /**
   * An exception no request caught: a JS callback a cell left behind (js.setTimeout, an event
   * listener) raised after its cell ended. Only a fatal Pyodide error ends the interpreter; any
   * other is the person's error, shown in the running cell, or else at the top of the next run.
   */
  uncaught(error: unknown): void {
    if (isFatal(error)) {
      this.die(errorText(error).split("\n")[0]!);
      return;
    }
    const text = `Exception in a callback, after its cell ended:\n${errorText(error).trimEnd()}\n`;
    if (this.currentRun !== null) this.post({ type: "output", id: this.currentRun, outputs: [late(text)] });
    else this.lateErrors.push(text);
  }

  /** The interpreter is unusable: the kernel replaces this worker when it gets "fatal". */
  private die(message: string): void {
    this.fatal = true;
    this.post({ type: "fatal", message });
  }
}

const late = (text: string): Output => ({ output_type: "stream", name: "stderr", text });

/** time.sleep that the interrupt wakes (sleep.py); set up in a throwaway dict, like reset.py. */
function installSleep(py: PyodideAPI, cell: Int32Array): void {
  const ns = py.toPy({}) as PyProxy & { get(name: string): unknown };
  try {
    // "<pylot-" names are cut from user tracebacks (runner.py).
    py.runPython(SLEEP_SOURCE, { globals: ns, filename: "<pylot-sleep.py>" });
    const install = ns.get("_pylot_install_sleep") as PyProxy & ((wait: (ms: number) => boolean) => void);
    try {
      install(interruptibleWait(cell));
    } finally {
      install.destroy();
    }
  } finally {
    ns.destroy();
  }
}

/** Emscripten's ErrnoError has no message, only an errno. */
function fsErrorText(s: Session, e: unknown): string {
  const errno = (e as { errno?: unknown }).errno;
  if (typeof errno !== "number") return errorText(e);
  const name = Object.entries(s.py.ERRNO_CODES).find(([, code]) => code === errno)?.[0];
  const known: Record<string, string> = {
    ENOENT: "no such file or directory",
    EISDIR: "is a directory",
    ENOTDIR: "a parent is not a directory",
    EEXIST: "a parent exists and is not a directory",
  };
  return (name && known[name]) ?? `file system error ${name ?? errno}`;
}
