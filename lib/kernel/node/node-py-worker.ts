// The Python worker for Node: Pyodide in a worker_thread, so the main thread stays free to time a
// cell out, interrupt it (SharedArrayBuffer) and, as a last resort, terminate the thread. It runs
// the same runner.py/output.py/display.py as the browser worker, so outputs have the same
// nbformat shape. Bundled by worker-bundle.ts; Pyodide is imported at run time from node_modules.
import { parentPort } from "node:worker_threads";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import { readFile } from "node:fs/promises";
import { executeCell, type CellStatus, type RunnerModule } from "../worker/execute-cell";
import { installRunner } from "../worker/install-runner";
import { listFiles } from "../worker/list-files";
import { RawOutput } from "../worker/raw-output";
import type { NodeInitRequest, NodeWorkerMessageInput, NodeWorkerRequest } from "./node-protocol";

declare const __PYLOT_PROTOCOL_VERSION__: number;
const PROTOCOL_VERSION = __PYLOT_PROTOCOL_VERSION__;

interface Session {
  py: PyodideAPI;
  runner: PyProxy & RunnerModule;
  /** Python closure made by RESET_SOURCE; kept out of every namespace the user can reach. */
  reset: PyProxy & (() => void);
  loadPackages: boolean;
}

const port = parentPort!;
let session: Session | null = null;
let currentRun: number | null = null;
let queue: Promise<void> = Promise.resolve();

const post = (message: NodeWorkerMessageInput) => port.postMessage(message);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const rawOutput = new RawOutput((output) => {
  if (currentRun === null) return false;
  post({ type: "output", id: currentRun, outputs: [output] });
  return true;
});

port.on("message", (request: NodeWorkerRequest) => {
  queue = queue.then(() => handle(request)).catch((e: unknown) => post({ type: "fatal", message: errorText(e) }));
});

async function handle(request: NodeWorkerRequest): Promise<void> {
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
        post({ type: "reply", id: request.id, data: s.py.FS.readFile(path) as Uint8Array<ArrayBuffer> });
      });
    case "listFiles":
      return fileOp(request.id, request.dir, (s, path) =>
        post({ type: "fileList", id: request.id, files: listFiles(s.py.FS, path, request.dir) }),
      );
    case "deleteFile":
      return fileOp(request.id, request.path, (s, path) => {
        if (s.py.FS.analyzePath(path).exists) s.py.FS.unlink(path);
        post({ type: "reply", id: request.id, data: null });
      });
    case "reset":
      return withSession(request.id, (s) => {
        s.reset();
        post({ type: "reply", id: request.id, data: null });
      });
    default: {
      const unknown = request as { type?: unknown; id?: unknown };
      post({
        type: "error",
        id: typeof unknown.id === "number" ? unknown.id : -1,
        message: `unknown request type ${String(unknown.type)}`,
      });
    }
  }
}

// Installed once after boot, outside the user's namespace: remembers the clean state and restores it.
const RESET_SOURCE = `
import builtins as _b, os as _os, shutil as _shutil, sys as _sys

def _pylot_make_reset(attach, sink):
    main = _sys.modules["__main__"].__dict__
    baseline = dict(main)
    home = _os.getcwd()
    path = list(_sys.path)
    modules = set(_sys.modules)
    environ = dict(_os.environ)

    def reset():
        _os.chdir(home)
        for name in _os.listdir(home):
            full = _os.path.join(home, name)
            if _os.path.isdir(full) and not _os.path.islink(full):
                _shutil.rmtree(full, ignore_errors=True)
            else:
                _os.unlink(full)
        plt = _sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            plt.close("all")
        main.clear()
        main.update(baseline)
        _sys.path[:] = path
        _os.environ.clear()
        _os.environ.update(environ)
        # Modules the task imported stay cached (that is the point of reusing), except its own
        # files: a module written under the cwd must not leak into the next task.
        for name, mod in list(_sys.modules.items()):
            if name not in modules and (getattr(mod, "__file__", None) or "").startswith(home):
                del _sys.modules[name]
        attach(sink)
        import gc
        gc.collect()
    return reset
`;

async function init(request: NodeInitRequest): Promise<void> {
  const t0 = performance.now();
  if (request.protocolVersion !== PROTOCOL_VERSION) {
    post({
      type: "error",
      id: request.id,
      message: `protocol mismatch: kernel speaks ${request.protocolVersion}, worker ${PROTOCOL_VERSION}`,
    });
    return;
  }
  if (session) {
    post({ type: "error", id: request.id, message: "already initialised" });
    return;
  }
  try {
    const { loadPyodide } = (await import(request.pyodideModuleUrl)) as typeof import("pyodide");
    const indexURL = new URL(".", request.pyodideModuleUrl).pathname;
    const quiet = {
      stdout: () => {},
      stderr: () => {},
      ...(request.packageBaseUrl ? { packageBaseUrl: request.packageBaseUrl } : {}),
    };
    let py: PyodideAPI | null = null;
    let boot: "snapshot" | "normal" = "normal";
    let snapshotError: string | null = null;
    if (request.snapshotPath) {
      try {
        const image = await readFile(request.snapshotPath);
        py = await loadPyodide({
          indexURL,
          ...quiet,
          _loadSnapshot: new Uint8Array(image.buffer, image.byteOffset, image.byteLength),
        });
        boot = "snapshot";
      } catch (e) {
        snapshotError = `snapshot not used: ${errorText(e).split("\n")[0]}`;
      }
    }
    py ??= await loadPyodide({ indexURL, ...quiet });
    if (installRunner(py, request.modules) === "installed" && boot === "snapshot") {
      snapshotError = "snapshot holds an older runner; installed the current one";
    }
    py.setInterruptBuffer(new Int32Array(request.interruptBuffer));
    const runner = py.pyimport("_pylot_runner") as PyProxy & RunnerModule;
    const sink = (json: string) => {
      rawOutput.flush();
      if (currentRun !== null) post({ type: "output", id: currentRun, outputs: JSON.parse(json) });
    };
    runner.attach(sink);
    py.setStdout(rawOutput.writer("stdout"));
    py.setStderr(rawOutput.writer("stderr"));
    py.setStdin({ error: true });
    // Made in a throwaway dict (not __main__), after attach, so the baseline is what a cell sees.
    const ns = py.toPy({});
    py.runPython(RESET_SOURCE, { globals: ns });
    const makeReset = ns.get("_pylot_make_reset") as PyProxy &
      ((attach: unknown, sink: unknown) => PyProxy & (() => void));
    const reset = makeReset(runner.attach, sink);
    makeReset.destroy();
    ns.destroy();
    session = { py, runner, reset, loadPackages: request.loadPackages };
    post({
      type: "ready",
      id: request.id,
      protocolVersion: PROTOCOL_VERSION,
      boot,
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
  currentRun = id;
  const t0 = performance.now();
  let status: CellStatus;
  try {
    if (s.loadPackages) {
      // What a browser does on import: fetch known Pyodide packages first. A package that cannot be
      // fetched is left to fail as the ModuleNotFoundError the model can read.
      await s.py
        .loadPackagesFromImports(code, { messageCallback: () => {}, errorCallback: () => {} })
        .catch(() => undefined);
    }
    status = await executeCell(s.runner, code, executionCount, (output) =>
      post({ type: "output", id, outputs: [output] }),
    );
  } finally {
    rawOutput.flush();
    currentRun = null;
  }
  post({ type: "runDone", id, status, durationMs: performance.now() - t0 });
}

function withSession(id: number, op: (s: Session) => void): void {
  if (!session) {
    post({ type: "error", id, message: "the interpreter is not initialised" });
    return;
  }
  try {
    op(session);
  } catch (e) {
    post({ type: "error", id, message: errorText(e) });
  }
}

function fileOp(id: number, path: string, op: (s: Session, absolute: string) => void): void {
  withSession(id, (s) => {
    const absolute = s.py.PATH.normalize(path.startsWith("/") ? path : `${s.py.FS.cwd()}/${path}`);
    try {
      op(s, absolute);
    } catch (e) {
      const errno = (e as { errno?: unknown }).errno;
      const name =
        typeof errno === "number" ? Object.entries(s.py.ERRNO_CODES).find(([, c]) => c === errno)?.[0] : undefined;
      throw new Error(
        name === "ENOENT"
          ? `no such file or directory: ${path}`
          : name
            ? `file system error ${name}: ${path}`
            : errorText(e),
      );
    }
  });
}
