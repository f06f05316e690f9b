// The Python worker for Node: Pyodide in a worker_thread, so the main thread stays free to time a
// cell out, interrupt it (SharedArrayBuffer) and, as a last resort, terminate the thread. Only the
// boot is Node's own (Pyodide from node_modules, the snapshot from disk); the requests, the run
// handling and the reset are worker-core.ts, as in the browser. Bundled by worker-bundle.ts.
import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import type { PyodideAPI } from "pyodide";
import type { WorkerMessageInput } from "../protocol";
import { WorkerCore } from "../worker/worker-core";
import type { NodeInitRequest, NodeWorkerRequest } from "./node-protocol";

declare const __PYLOT_PROTOCOL_VERSION__: number;
const PROTOCOL_VERSION = __PYLOT_PROTOCOL_VERSION__;

const port = parentPort!;
const post = (message: WorkerMessageInput) => port.postMessage(message);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const core = new WorkerCore(post);

port.on("message", (request: NodeWorkerRequest) => core.receive(request, init));
// A callback a cell left behind that raises: the core decides whether the interpreter is lost.
process.on("uncaughtException", (error) => core.uncaught(error));

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
  if (core.initialised) {
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
    const installed = core.install({
      py,
      interruptCell: new Int32Array(request.interruptBuffer),
      // What a browser does on import: fetch known Pyodide packages first. A package that cannot be
      // fetched is left to fail as the ModuleNotFoundError the model can read.
      loadPackages: request.loadPackages ? loadFromImports : null,
    });
    if (installed === "installed" && boot === "snapshot") {
      snapshotError = "snapshot holds an older runner; installed the current one";
    }
    post({
      type: "ready",
      id: request.id,
      protocolVersion: PROTOCOL_VERSION,
      boot,
      snapshotError,
      bootMs: performance.now() - t0,
      pythonVersion: core.pythonVersion(),
      pyodideVersion: py.version,
    });
  } catch (e) {
    post({ type: "error", id: request.id, message: `Python failed to start: ${errorText(e)}` });
  }
}

async function loadFromImports(py: PyodideAPI, code: string): Promise<Record<string, string>> {
  await py.loadPackagesFromImports(code, { messageCallback: () => {}, errorCallback: () => {} }).catch(() => undefined);
  return {};
}
