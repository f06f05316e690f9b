// The protocol between NodeKernel (main thread) and its Pyodide worker_thread: the page↔worker
// protocol (../protocol.ts) with Node's own init (Pyodide and the snapshot come from disk).
import type { CoreRequest } from "../protocol";

export interface NodeInitRequest {
  type: "init";
  id: number;
  protocolVersion: number;
  /** Absolute file URL of pyodide.mjs; its directory is the indexURL (packages are looked up there). */
  pyodideModuleUrl: string;
  /** Memory snapshot file to restore (public/pyodide/snapshot.bin); null or a refused one means a normal boot. */
  snapshotPath: string | null;
  interruptBuffer: SharedArrayBuffer;
  /** Load Pyodide packages named by a cell's imports before it runs (needs a reachable package index). */
  loadPackages: boolean;
  /** Where packages are fetched from when not beside pyodide.mjs (e.g. a local mirror URL); null for indexURL. */
  packageBaseUrl: string | null;
}

export type NodeWorkerRequest = NodeInitRequest | CoreRequest;
