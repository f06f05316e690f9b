// The one protocol between the kernel client (worker-kernel.ts) and the Python worker
// (worker/worker-core.ts, in a Web Worker or a worker_thread; Node's init is its own: node-protocol.ts).
// Every request carries an id; every reply names the request it answers. Messages coming
// from the worker are validated here before the page acts on them: a worker built from an
// older protocol (a stale cached /py-worker.js) is caught at init, not by a crash later.
// zod/mini: the page parses every worker message with these, and the mini build is a fraction of the classic one.
import * as z from "zod/mini";
import { outputSchema } from "@/lib/notebook/outputs";

/** Bump when a request or message changes shape. Checked at init, in both directions. */
export const PROTOCOL_VERSION = 4;

// ---------------------------------------------------------------- page → worker

export interface InitRequest {
  type: "init";
  id: number;
  protocolVersion: number;
  /** Where pyodide.mjs and its runtime files are served, e.g. "/pyodide/". */
  indexURL: string;
  /** Memory snapshot to restore; null (or a failed fetch/restore) means a normal boot. */
  snapshotURL: string | null;
  /** Int32 cell the page writes 2 (SIGINT) into; null when the page is not crossOriginIsolated. */
  interruptBuffer: SharedArrayBuffer | null;
  /** Where imported Pyodide packages are loaded from; null leaves Pyodide's defaults. */
  packages?: PackageSource | null;
}

/** A Pyodide package index: a pyodide-lock.json and the wheels it names (lib/packages/config.ts). */
export interface PackageSource {
  /** Relative file names in the lock file are resolved against this URL (ends with "/"). */
  baseURL: string;
  /** The lock file read at start-up; may differ from baseURL (the CDN's equals our local copy). */
  lockFileURL: string;
  /** A download that gets no data for this long fails (a dead or hanging host). */
  timeoutMs: number;
}

export interface RunRequest {
  type: "run";
  id: number;
  code: string;
  /** Kept by the page (reset on restart); names the cell in tracebacks: File "<cell-N>". */
  executionCount: number;
}

export interface WriteFileRequest {
  type: "writeFile";
  id: number;
  /** Absolute, or relative to the interpreter's cwd (/home/pyodide). Parents are created. */
  path: string;
  data: Uint8Array;
}

export interface ReadFileRequest {
  type: "readFile";
  id: number;
  path: string;
}

/** Lists the regular files under a folder (recursively), e.g. "output" after each run. */
export interface ListFilesRequest {
  type: "listFiles";
  id: number;
  /** Relative to the interpreter's cwd, or absolute. A missing folder lists as empty. */
  dir: string;
}

/** Removes a file (a person deleted it from the notebook); a missing file is not an error. */
export interface DeleteFileRequest {
  type: "deleteFile";
  id: number;
  path: string;
}

/** Back to a clean interpreter without a new boot: namespace, cwd and its files (reset.py). */
export interface ResetRequest {
  type: "reset";
  id: number;
}

/** Completions for the end of `line` (the text before the cursor), from the live namespace (complete.py). */
export interface CompleteRequest {
  type: "complete";
  id: number;
  line: string;
}

/** Signature and docstring of a dotted name in the live namespace (complete.py). */
export interface InspectRequest {
  type: "inspect";
  id: number;
  name: string;
}

/**
 * Stops the run `id` where the SIGINT cell cannot: a cell awaiting (top-level await) runs no
 * bytecode, so the worker cancels its task instead. Handled as it arrives, not queued; no reply
 * of its own (the run's runDone answers). Ignored unless that run is awaiting.
 */
export interface InterruptRequest {
  type: "interrupt";
  id: number;
}

/** The names the person's cells defined (runner.py user_variables), asked before a restart. */
export interface VariablesRequest {
  type: "variables";
  id: number;
}

export type WorkerRequest =
  | CompleteRequest
  | InterruptRequest
  | VariablesRequest
  | InspectRequest
  | InitRequest
  | RunRequest
  | WriteFileRequest
  | ReadFileRequest
  | ListFilesRequest
  | DeleteFileRequest
  | ResetRequest;

/** Requests after init, answered the same way by every worker (worker/worker-core.ts). */
export type CoreRequest = Exclude<WorkerRequest, InitRequest>;

// ---------------------------------------------------------------- worker → page

const id = z.int().check(z.nonnegative());

export const fileEntrySchema = z.object({
  path: z.string(),
  size: z.int().check(z.nonnegative()),
  mtimeMs: z.number(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

export const bootKindSchema = z.enum(["snapshot", "normal"]);

export const workerMessageSchema = z.discriminatedUnion("type", [
  /** Start-up steps, shown in the kernel status while Python loads. */
  z.object({ type: z.literal("progress"), id, message: z.string() }),
  /** Answer to init: the interpreter is ready for runs. */
  z.object({
    type: z.literal("ready"),
    id,
    protocolVersion: z.int(),
    boot: bootKindSchema,
    /** Why the snapshot was not used (missing, refused, stale); null when it was, or none was asked for. */
    snapshotError: z.nullable(z.string()),
    /** Time spent inside the worker from init to ready. */
    bootMs: z.number().check(z.nonnegative()),
    pythonVersion: z.string(),
    pyodideVersion: z.string(),
  }),
  /** Packages the running cell imports are loading (null: done); shown in the cell and status. */
  z.object({ type: z.literal("packageProgress"), id, message: z.nullable(z.string()) }),
  /** A batch of outputs of the running cell, in order; stream chunks are already merged. */
  z.object({ type: z.literal("output"), id, outputs: z.array(outputSchema) }),
  /** The run ended. An error or KeyboardInterrupt has already been sent as an output. */
  z.object({
    type: z.literal("runDone"),
    id,
    status: z.enum(["ok", "error", "interrupted"]),
    durationMs: z.number().check(z.nonnegative()),
  }),
  /** Success of a file request; data is the file for readFile, null for writeFile. */
  z.object({ type: z.literal("reply"), id, data: z.nullable(z.instanceof(Uint8Array)) }),
  /** Answer to listFiles: paths as given (dir + "/" + relative path), at most 10 000 entries. */
  z.object({ type: z.literal("fileList"), id, files: z.array(fileEntrySchema) }),
  /** Answer to complete or inspect: complete.py's JSON (read by lib/kernel/kernel-assist.ts). */
  z.object({ type: z.literal("assist"), id, json: z.string() }),
  /** Answer to variables: the first names in definition order, and how many there are in all. */
  z.object({
    type: z.literal("variables"),
    id,
    names: z.array(z.string()),
    count: z.int().check(z.nonnegative()),
  }),
  /** A request failed (init included); the worker is still usable unless it was init. */
  z.object({ type: z.literal("error"), id, message: z.string() }),
  /** The worker is unusable (a fatal Pyodide error, or an exception outside any request): the kernel replaces it. */
  z.object({ type: z.literal("fatal"), message: z.string() }),
]);

export type WorkerMessage = z.infer<typeof workerMessageSchema>;
/** What the worker builds; metadata defaults are filled in on the page by the schema. */
export type WorkerMessageInput = z.input<typeof workerMessageSchema>;
export type BootKind = z.infer<typeof bootKindSchema>;
export type ReadyMessage = Extract<WorkerMessage, { type: "ready" }>;

export type ParsedMessage = { ok: true; message: WorkerMessage } | { ok: false; error: string };

export function parseWorkerMessage(data: unknown): ParsedMessage {
  const parsed = workerMessageSchema.safeParse(data);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  const type = typeof data === "object" && data !== null && "type" in data ? String(data.type) : typeof data;
  return { ok: false, error: `invalid worker message (${type})${where}: ${issue?.message ?? "unknown"}` };
}

/** Ends every exhaustive switch over a union: adding a member is a compile error until handled. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
