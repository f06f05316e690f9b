// Options of BrowserKernel, their defaults, and the slice of the Worker API it uses.
import { type InitRequest, PROTOCOL_VERSION, type PackageSource, type WorkerRequest } from "@/lib/kernel/protocol";

/** The part of the Worker API the kernel uses; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
  /** "message" delivers a MessageEvent, "error" an ErrorEvent. */
  addEventListener(type: "message" | "error" | "messageerror", listener: (event: Event) => void): void;
}

export interface BrowserKernelOptions {
  /** Compiled worker (scripts/assets/prepare.ts). Default "/py-worker.js". */
  workerURL?: string;
  /** Where Pyodide is served. Default "/pyodide/". */
  indexURL?: string;
  /** Memory snapshot to boot from; null boots without one. Default "/pyodide/snapshot.bin". */
  snapshotURL?: string | null;
  /** Where imported packages load from (the server's choice); null: Pyodide's defaults. Default null. */
  packages?: PackageSource | null;
  /** How long an interrupted run may keep going before the kernel restarts. Default 3000. */
  interruptGraceMs?: number;
  /** Start-up limit, per boot. Default 60 000. */
  initTimeoutMs?: number;
  /** Limit per file operation, from when the worker gets it. Default 30 000. */
  fileTimeoutMs?: number;
  /** Default: a module worker, `new Worker(url, { type: "module" })`. */
  createWorker?: (url: string) => WorkerLike;
  /** Whether SharedArrayBuffer interrupts are possible. Default: globalThis.crossOriginIsolated. */
  crossOriginIsolated?: boolean;
  /**
   * A worker started (and sent its `init`, id 1) before this kernel existed, e.g. by an inline
   * script in the page's HTML so Python boots while the page's JavaScript loads. Used for the
   * first boot only. Default null.
   */
  adopt?: AdoptedWorker | null;
}

export interface AdoptedWorker {
  worker: WorkerLike;
  /** The interrupt cell's buffer sent in that init (null when not crossOriginIsolated). */
  interruptBuffer: SharedArrayBuffer | null;
  /** Messages the worker sent before the kernel listened (`{ workerError }` for an error event); `stop()` ends the buffering. */
  buffered: unknown[];
  stop(): void;
}

// Not `new Worker(new URL(...))`: Turbopack strips {type: "module"} from that form.
export const moduleWorker = (url: string): WorkerLike => new Worker(url, { type: "module" }) as unknown as WorkerLike;

export type ResolvedOptions = Required<BrowserKernelOptions>;

export function resolveOptions(options: BrowserKernelOptions): ResolvedOptions {
  return {
    workerURL: "/py-worker.js",
    indexURL: "/pyodide/",
    snapshotURL: "/pyodide/snapshot.bin",
    packages: null,
    interruptGraceMs: 3000,
    initTimeoutMs: 60_000,
    fileTimeoutMs: 30_000,
    createWorker: moduleWorker,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    adopt: null,
    ...options,
  };
}

/** The init a browser worker gets: from the kernel, and from the page's early script (early-kernel.ts). */
export function browserInitRequest(
  opts: Pick<ResolvedOptions, "indexURL" | "snapshotURL" | "packages">,
  id: number,
  interruptBuffer: SharedArrayBuffer | null,
): InitRequest {
  return {
    type: "init",
    id,
    protocolVersion: PROTOCOL_VERSION,
    indexURL: opts.indexURL,
    snapshotURL: opts.snapshotURL,
    interruptBuffer,
    packages: opts.packages,
  };
}
