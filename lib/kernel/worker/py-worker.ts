// The Python worker: a module Web Worker compiled by scripts/assets/prepare.ts to
// public/py-worker.js. Pyodide itself is imported at run time from indexURL (our origin,
// /pyodide/), never bundled. Requests are handled strictly one after another: a run
// blocks the thread anyway, and queueing here keeps top-level-await cells from interleaving.
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import type { InitRequest, WorkerMessageInput, WorkerRequest } from "../protocol";
import type { Output } from "@/lib/notebook/outputs";
import { bootPyodide } from "./boot";
import { executeCell, reportEscaped, type CellStatus, type RunnerModule } from "./execute-cell";
import { installRunner, type PythonModuleSource } from "./install-runner";
import { listFiles } from "./list-files";
import { PackageLoader } from "./package-loader";
import { RawOutput } from "./raw-output";
import DISPLAY_SOURCE from "./display.py";
import OUTPUT_SOURCE from "./output.py";
import PACKAGES_SOURCE from "./packages.py";
import RUNNER_SOURCE from "./runner.py";

interface WorkerScope {
  postMessage(message: WorkerMessageInput, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent<WorkerRequest>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

// protocol.ts's PROTOCOL_VERSION, substituted by build-workers.ts: importing the value would
// drag zod (the page-side validation) into the worker bundle for one number.
declare const __PYLOT_PROTOCOL_VERSION__: number;
const PROTOCOL_VERSION = __PYLOT_PROTOCOL_VERSION__;

const MODULES: PythonModuleSource[] = [
  { name: "_pylot_display", file: "display.py", source: DISPLAY_SOURCE },
  { name: "_pylot_output", file: "output.py", source: OUTPUT_SOURCE },
  { name: "_pylot_packages", file: "packages.py", source: PACKAGES_SOURCE },
  { name: "_pylot_runner", file: "runner.py", source: RUNNER_SOURCE },
];

interface Session {
  py: PyodideAPI;
  runner: PyProxy & RunnerModule;
  packages: PyProxy & { set_unavailable(reasons: PyProxy): void };
  /** null: the page sent no package source (Pyodide's defaults; nothing is loaded on import). */
  loader: PackageLoader | null;
  interruptCell: Int32Array | null;
}

let session: Session | null = null;
/** Id of the run whose outputs are being produced; outputs outside a run go to the console. */
let currentRun: number | null = null;
let queue: Promise<void> = Promise.resolve();

const post = (message: WorkerMessageInput, transfer?: Transferable[]) => scope.postMessage(message, transfer);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const rawOutput = new RawOutput((output) => {
  if (currentRun === null) return false;
  post({ type: "output", id: currentRun, outputs: [output] });
  return true;
});

// Not listening for "unhandledrejection": user code can leave a JS promise rejected
// (js.fetch without await) and that must not kill the kernel; the console shows it.
scope.addEventListener("message", (event) => {
  const request = event.data;
  queue = queue.then(() => handle(request)).catch((e: unknown) => post({ type: "fatal", message: errorText(e) }));
});

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case "init":
      return init(request);
    case "run":
      return run(request.id, request.code, request.executionCount);
    case "writeFile":
      return fileOp(request.id, request.path, (s, path) => {
        s.py.FS.mkdirTree(s.py.PATH.dirname(path));
        s.py.FS.writeFile(path, request.data);
        post({ type: "reply", id: request.id, data: null });
      });
    case "readFile":
      return fileOp(request.id, request.path, (s, path) => {
        const data = s.py.FS.readFile(path) as Uint8Array<ArrayBuffer>; // a fresh copy, safe to transfer
        post({ type: "reply", id: request.id, data }, [data.buffer]);
      });
    case "deleteFile":
      return fileOp(request.id, request.path, (s, path) => {
        if (s.py.FS.analyzePath(path).exists) s.py.FS.unlink(path);
        post({ type: "reply", id: request.id, data: null });
      });
    case "listFiles":
      return fileOp(request.id, request.dir, (s, dir) => {
        post({ type: "fileList", id: request.id, files: listFiles(s.py.FS, dir, request.dir) });
      });
    default: {
      // Not assertNever: this value came through postMessage, so it can be anything.
      const unknown = request as { type?: unknown; id?: unknown };
      const id = typeof unknown.id === "number" ? unknown.id : -1;
      post({ type: "error", id, message: `unknown request type ${String(unknown.type)}` });
    }
  }
}

async function init(request: InitRequest): Promise<void> {
  const t0 = performance.now();
  if (request.protocolVersion !== PROTOCOL_VERSION) {
    post({
      type: "error",
      id: request.id,
      message: `protocol mismatch: page speaks ${request.protocolVersion}, worker ${PROTOCOL_VERSION} (stale cached py-worker.js?)`,
    });
    return;
  }
  if (session) {
    post({ type: "error", id: request.id, message: "already initialised" });
    return;
  }
  try {
    const progress = (message: string) => post({ type: "progress", id: request.id, message });
    const loader = request.packages
      ? new PackageLoader(
          request.packages,
          new URL("pyodide-lock.json", new URL(request.indexURL, globalThis.location.href)).href,
        )
      : null;
    const booted = await bootPyodide(request.indexURL, request.snapshotURL, progress, loader?.bootOptions);
    const { py } = booted;
    let snapshotError = booted.snapshotError;
    progress("Preparing the notebook namespace…");
    if (installRunner(py, MODULES) === "installed" && booted.boot === "snapshot") {
      snapshotError = "snapshot holds an older runner; installed the current one";
    }
    // The page writes 2 (SIGINT) here; Python raises KeyboardInterrupt at the next bytecode.
    const interruptCell = request.interruptBuffer ? new Int32Array(request.interruptBuffer) : null;
    if (interruptCell) py.setInterruptBuffer(interruptCell);
    const runner = py.pyimport("_pylot_runner") as PyProxy & RunnerModule;
    runner.attach((json: string) => {
      rawOutput.flush();
      if (currentRun !== null) post({ type: "output", id: currentRun, outputs: JSON.parse(json) });
    });
    // Writes that bypass sys.stdout (C code, os.write(1, …)) still land in the running cell.
    py.setStdout(rawOutput.writer("stdout"));
    py.setStderr(rawOutput.writer("stderr"));
    py.setStdin({ error: true });
    const packages = py.pyimport("_pylot_packages") as Session["packages"];
    session = { py, runner, packages, loader, interruptCell };
    post({
      type: "ready",
      id: request.id,
      protocolVersion: PROTOCOL_VERSION,
      boot: booted.boot,
      snapshotError,
      bootMs: performance.now() - t0,
      pythonVersion: String((py.pyimport("sys") as PyProxy & { version: string }).version).split(" ")[0]!,
      pyodideVersion: py.version,
    });
  } catch (e) {
    post({ type: "error", id: request.id, message: `Python failed to start: ${errorText(e)}` });
  }
}

async function run(id: number, code: string, executionCount: number): Promise<void> {
  const s = session;
  if (!s) {
    post({ type: "error", id, message: "the interpreter is not initialised" });
    return;
  }
  // The SIGINT cell is not cleared here: the page clears it between jobs, and clearing it
  // here would swallow an interrupt sent right after this run was posted.
  currentRun = id;
  const t0 = performance.now();
  const emit = (output: Output) => post({ type: "output", id, outputs: [output] });
  let status: CellStatus;
  try {
    if ((await loadPackages(s, id, code)) === "interrupted") {
      status = "interrupted";
      const evalue = "interrupted before the cell ran (while loading packages)";
      emit({ output_type: "error", ename: "KeyboardInterrupt", evalue, traceback: [`KeyboardInterrupt: ${evalue}`] });
    } else {
      status = await executeCell(s.runner, code, executionCount, emit);
    }
  } catch (e) {
    status = reportEscaped(e, emit);
  } finally {
    rawOutput.flush();
    currentRun = null;
  }
  post({ type: "runDone", id, status, durationMs: performance.now() - t0 });
}

/** Imported packages load before the cell runs; failures become the import's error (packages.py). */
async function loadPackages(s: Session, id: number, code: string): Promise<"interrupted" | "ready"> {
  // An interrupt while packages load ends the load and the run, before any Python runs (a
  // pending SIGINT would fire inside our own calls); the page clears the SIGINT cell after it.
  const interrupted = () => s.interruptCell !== null && Atomics.load(s.interruptCell, 0) === 2;
  const unavailable = s.loader
    ? await s.loader.loadFor(s.py, code, (message) => post({ type: "packageProgress", id, message }), interrupted)
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

async function fileOp(id: number, path: string, op: (s: Session, absolute: string) => void): Promise<void> {
  const s = session;
  if (!s) {
    post({ type: "error", id, message: "the interpreter is not initialised" });
    return;
  }
  try {
    // FS.mkdirTree treats every path as absolute: resolve against the cwd Python sees.
    const absolute = s.py.PATH.normalize(path.startsWith("/") ? path : `${s.py.FS.cwd()}/${path}`);
    op(s, absolute);
  } catch (e) {
    post({ type: "error", id, message: fsErrorText(s, e) });
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
