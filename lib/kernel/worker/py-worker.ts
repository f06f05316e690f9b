// The Python worker in the browser: a module Web Worker compiled by scripts/assets/prepare.ts to
// public/py-worker.js. Pyodide itself is imported at run time from indexURL (our origin,
// /pyodide/), never bundled. Only the boot is the browser's own; the rest is worker-core.ts.
import type { InitRequest, WorkerMessageInput, WorkerRequest } from "../protocol";
import { bootPyodide } from "./boot";
import { PackageLoader } from "./package-loader";
import { WorkerCore } from "./worker-core";

interface WorkerScope {
  postMessage(message: WorkerMessageInput, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent<WorkerRequest>) => void): void;
  addEventListener(type: "error", listener: (event: ErrorEvent) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

// protocol.ts's PROTOCOL_VERSION, substituted by build-workers.ts: importing the value would
// drag zod (the page-side validation) into the worker bundle for one number.
declare const __PYLOT_PROTOCOL_VERSION__: number;
const PROTOCOL_VERSION = __PYLOT_PROTOCOL_VERSION__;

const post = (message: WorkerMessageInput, transfer?: Transferable[]) => scope.postMessage(message, transfer);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const core = new WorkerCore(post);

// Not listening for "unhandledrejection": user code can leave a JS promise rejected
// (js.fetch without await) and that must not kill the kernel; the console shows it.
scope.addEventListener("message", (event) => core.receive(event.data, init));
// A callback a cell left behind that raises: the core decides whether the interpreter is lost.
// Cancelling the event keeps it from reaching the page as the worker's crash.
scope.addEventListener("error", (event) => {
  event.preventDefault();
  core.uncaught(event.error ?? event.message);
});

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
  if (core.initialised) {
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
    const installed = core.install({
      py,
      interruptCell: request.interruptBuffer ? new Int32Array(request.interruptBuffer) : null,
      loadPackages: loader
        ? (py, code, progress, interrupted) => loader.loadFor(py, code, progress, interrupted)
        : null,
    });
    if (installed === "installed" && booted.boot === "snapshot") {
      snapshotError = "snapshot holds an older runner; installed the current one";
    }
    post({
      type: "ready",
      id: request.id,
      protocolVersion: PROTOCOL_VERSION,
      boot: booted.boot,
      snapshotError,
      bootMs: performance.now() - t0,
      pythonVersion: core.pythonVersion(),
      pyodideVersion: py.version,
    });
  } catch (e) {
    post({ type: "error", id: request.id, message: `Python failed to start: ${errorText(e)}` });
  }
}
