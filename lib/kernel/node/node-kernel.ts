// The Kernel in Node: the one kernel client (../worker-kernel.ts) over a worker_thread running
// Pyodide (node-py-worker.ts), for evaluation runs and tests without a browser. Same queue, same
// interrupt and restart contract, same worker core and outputs as the browser kernel. What Node
// adds: a per-run timeout, and a reset between tasks without a new boot.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { RunOptions, RunResult } from "../kernel";
import { pushOutput } from "../kernel-jobs";
import type { KernelTransport, TransportEvents, WorkerConnection } from "../kernel-transport";
import { PROTOCOL_VERSION } from "../protocol";
import { WorkerKernel } from "../worker-kernel";
import type { Output } from "@/lib/notebook/outputs";
import type { NodeInitRequest } from "./node-protocol";
import { nodeWorkerFile } from "./worker-bundle";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface NodeKernelOptions {
  /** Restore public/pyodide/snapshot.bin when present (a much faster boot). Default true. */
  useSnapshot?: boolean;
  /** Load Pyodide packages named by a cell's imports first; only useful with a reachable package index. */
  loadPackages?: boolean;
  packageBaseUrl?: string | null;
  /** How long an interrupted cell may take to stop before the interpreter is replaced. Default 3 s. */
  interruptGraceMs?: number;
  /** Boot timeout. Default 60 s. */
  bootTimeoutMs?: number;
}

export interface NodeRunOptions extends RunOptions {
  /** Interrupt the cell after this long (from when it starts); status "interrupted" with a note saying why. */
  timeoutMs?: number;
}

export interface BootInfo {
  boot: "snapshot" | "normal";
  snapshotError: string | null;
  /** Wall time from starting the thread to ready. */
  startMs: number;
}

function pyodideModuleUrl(): string {
  const require = createRequire(join(ROOT, "package.json"));
  return pathToFileURL(require.resolve("pyodide/pyodide.mjs")).href;
}

class ThreadTransport implements KernelTransport<NodeInitRequest> {
  readonly interruptBuffer = new SharedArrayBuffer(4);

  constructor(
    private readonly file: string,
    private readonly options: NodeKernelOptions,
  ) {}

  init(id: number): NodeInitRequest {
    const snapshot = join(ROOT, "public/pyodide/snapshot.bin");
    return {
      type: "init",
      id,
      protocolVersion: PROTOCOL_VERSION,
      pyodideModuleUrl: pyodideModuleUrl(),
      snapshotPath: this.options.useSnapshot !== false && existsSync(snapshot) ? snapshot : null,
      interruptBuffer: this.interruptBuffer,
      loadPackages: this.options.loadPackages ?? false,
      packageBaseUrl: this.options.packageBaseUrl ?? null,
    };
  }

  open(events: TransportEvents): WorkerConnection<NodeInitRequest> {
    // Python can reach the worker's JS globals (`import js`): it gets an empty environment, so model-
    // written code cannot read the harness's ANTHROPIC_API_KEY through js.process.env.
    const worker = new Worker(this.file, { env: {}, stdout: false, stderr: false });
    worker.on("message", (data: unknown) => events.message(data));
    worker.on("error", (e) => events.crashed(`the Python worker crashed: ${e.message}`));
    worker.on("exit", (code) => events.crashed(`the Python worker exited (code ${code})`));
    return { postMessage: (message) => worker.postMessage(message), terminate: () => void worker.terminate() };
  }
}

export class NodeKernel extends WorkerKernel<NodeInitRequest> {
  private constructor(file: string, options: NodeKernelOptions) {
    super(new ThreadTransport(file, options), {
      interruptGraceMs: options.interruptGraceMs ?? 3000,
      initTimeoutMs: options.bootTimeoutMs ?? 60_000,
      fileTimeoutMs: 30_000,
    });
  }

  /** Boots a kernel; resolves when Python is ready, rejects when it could not start. */
  static async start(options: NodeKernelOptions = {}): Promise<NodeKernel> {
    const k = new NodeKernel(await nodeWorkerFile(ROOT), options);
    await k.whenStarted();
    const status = k.status();
    if (status.state === "dead") {
      k.dispose();
      throw new Error(status.error);
    }
    return k;
  }

  get bootInfo(): BootInfo | null {
    const r = this.bootReport();
    return r && { boot: r.boot, snapshotError: r.snapshotError, startMs: r.startMs };
  }

  override async run(code: string, options: NodeRunOptions = {}): Promise<RunResult> {
    const { timeoutMs, ...rest } = options;
    if (!timeoutMs) return super.run(code, rest);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let timedOut = false;
    let bootsAtStart = this.boots;
    const result = await super.run(code, {
      ...rest,
      onStart: (executionCount) => {
        bootsAtStart = this.boots;
        timer = setTimeout(() => {
          timedOut = true;
          void this.interrupt();
        }, timeoutMs);
        rest.onStart?.(executionCount);
      },
    });
    if (timer) clearTimeout(timer);
    if (!timedOut) return result;
    const outputs = [...result.outputs];
    pushOutput(outputs, timeoutNote(timeoutMs, this.boots !== bootsAtStart));
    return { ...result, outputs };
  }
}

function timeoutNote(ms: number, restarted: boolean): Output {
  const extra = restarted
    ? " It did not stop when interrupted, so Python was restarted: variables, imports and files written so far are gone."
    : "";
  return {
    output_type: "stream",
    name: "stderr",
    text: `[the cell ran longer than ${Math.round(ms / 1000)} s and was interrupted.${extra}]\n`,
  };
}
