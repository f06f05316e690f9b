// The protocol between NodeKernel (main thread) and its Pyodide worker_thread. It is the page↔worker
// protocol (../protocol.ts) plus what an evaluation needs and a browser does not: resetting the
// interpreter for the next task, and listing the files a task produced. Same id correlation rules.
import type { z } from "zod";
import {
  workerMessageSchema,
  type DeleteFileRequest,
  type ListFilesRequest,
  type RunRequest,
  type WriteFileRequest,
  type ReadFileRequest,
} from "../protocol";

export interface NodeInitRequest {
  type: "init";
  id: number;
  protocolVersion: number;
  /** Absolute file URL of pyodide.mjs; its directory is the indexURL (packages are looked up there). */
  pyodideModuleUrl: string;
  /** Memory snapshot file to restore (public/pyodide/snapshot.bin); null or a refused one means a normal boot. */
  snapshotPath: string | null;
  interruptBuffer: SharedArrayBuffer;
  /** The runner's Python modules, read from lib/kernel/worker/ by the main thread. */
  modules: { name: string; file: string; source: string }[];
  /** Load Pyodide packages named by a cell's imports before it runs (needs a reachable package index). */
  loadPackages: boolean;
  /** Where packages are fetched from when not beside pyodide.mjs (e.g. a local mirror URL); null for indexURL. */
  packageBaseUrl: string | null;
}

/** Back to a clean interpreter without a new boot: namespace, cwd and its files, counters. */
export interface ResetRequest {
  type: "reset";
  id: number;
}

// listFiles / deleteFile (and the fileList answer) are the page protocol's own since the files feature.
export type NodeWorkerRequest =
  | NodeInitRequest
  | RunRequest
  | WriteFileRequest
  | ReadFileRequest
  | ResetRequest
  | ListFilesRequest
  | DeleteFileRequest;

export const nodeWorkerMessageSchema: typeof workerMessageSchema = workerMessageSchema;

export type NodeWorkerMessage = z.infer<typeof nodeWorkerMessageSchema>;
export type NodeWorkerMessageInput = z.input<typeof nodeWorkerMessageSchema>;
