// The Kernel interface in Node: Pyodide in a worker_thread (node-py-worker.ts), for evaluation
// runs and tests without a browser. Same runner, same nbformat outputs as the browser kernel.
// A cell can be given a timeout; an interrupt is a write into a SharedArrayBuffer, and a cell that
// ignores it (a blocking call) is ended by terminating the thread and booting a new interpreter.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import type { Kernel, KernelStatus, RunOptions, RunResult } from "../kernel";
import { kernelError, pushOutput } from "../kernel-jobs";
import { PROTOCOL_VERSION, type FileEntry } from "../protocol";
import { PYTHON_MODULE_FILES } from "../worker/install-runner";
import type { Output } from "@/lib/notebook/outputs";
import { nodeWorkerMessageSchema, type NodeWorkerMessage, type NodeWorkerRequest } from "./node-protocol";
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
  /** Interrupt the cell after this long; status "interrupted" with a note saying why. */
  timeoutMs?: number;
}

export interface BootInfo {
  boot: "snapshot" | "normal";
  snapshotError: string | null;
  /** Wall time from `start()` to ready, thread start and bundle included. */
  startMs: number;
}

interface Pending {
  resolve: (m: NodeWorkerMessage) => void;
  reject: (e: Error) => void;
  outputs?: Output[];
  onOutput?: (o: Output) => void;
}

function pyodideModuleUrl(): string {
  const require = createRequire(join(ROOT, "package.json"));
  return pathToFileURL(require.resolve("pyodide/pyodide.mjs")).href;
}

function runnerModules() {
  return PYTHON_MODULE_FILES.map((m) => ({
    ...m,
    source: readFileSync(join(ROOT, "lib/kernel/worker", m.file), "utf8"),
  }));
}

export class NodeKernel implements Kernel {
  private worker: Worker | null = null;
  private interruptBuffer = new SharedArrayBuffer(4);
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private executionCount = 0;
  private current: Promise<unknown> = Promise.resolve();
  private state: KernelStatus = { state: "starting", progress: "not started" };
  private listeners = new Set<(s: KernelStatus) => void>();
  private runningId: number | null = null;
  private generation = 0;
  /** A replacement interpreter being booted (interrupt fallback, restart); requests wait for it. */
  private booting: Promise<void> = Promise.resolve();
  bootInfo: BootInfo | null = null;
  /** How many interpreters this kernel has booted: a change means the namespace and files are gone. */
  boots = 0;
  private disposed = false;

  constructor(private readonly options: NodeKernelOptions = {}) {}

  /** Boots a kernel; resolves when Python is ready. */
  static async start(options: NodeKernelOptions = {}): Promise<NodeKernel> {
    const k = new NodeKernel(options);
    await k.boot();
    return k;
  }

  status(): KernelStatus {
    return this.state;
  }

  onStatus(listener: (status: KernelStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setStatus(s: KernelStatus) {
    this.state = s;
    for (const l of this.listeners) l(s);
  }

  private async boot(): Promise<void> {
    const t0 = performance.now();
    this.setStatus({ state: "starting", progress: "Starting Python…" });
    const file = await nodeWorkerFile(ROOT);
    // Python can reach the worker's JS globals (`import js`): it gets an empty environment, so model-
    // written code cannot read the harness's ANTHROPIC_API_KEY through js.process.env.
    const worker = new Worker(file, { env: {}, stdout: false, stderr: false });
    const generation = ++this.generation;
    this.worker = worker;
    this.interruptBuffer = new SharedArrayBuffer(4);
    worker.on("message", (data: unknown) => this.onMessage(data));
    worker.on("error", (e) => this.failAll(generation, `the Python worker crashed: ${e.message}`));
    worker.on("exit", (code) => this.failAll(generation, `the Python worker exited (code ${code})`));
    const snapshot = join(ROOT, "public/pyodide/snapshot.bin");
    const id = this.nextId++;
    const reply = this.request(
      {
        type: "init",
        id,
        protocolVersion: PROTOCOL_VERSION,
        pyodideModuleUrl: pyodideModuleUrl(),
        snapshotPath: this.options.useSnapshot !== false && existsSync(snapshot) ? snapshot : null,
        interruptBuffer: this.interruptBuffer,
        modules: runnerModules(),
        loadPackages: this.options.loadPackages ?? false,
        packageBaseUrl: this.options.packageBaseUrl ?? null,
      },
      this.options.bootTimeoutMs ?? 60_000,
    );
    const ready = await reply;
    if (ready.type !== "ready") throw new Error(`unexpected reply to init: ${ready.type}`);
    this.executionCount = 0;
    this.boots++;
    this.bootInfo = { boot: ready.boot, snapshotError: ready.snapshotError, startMs: performance.now() - t0 };
    this.setStatus({ state: "ready" });
  }

  private failAll(generation: number, message: string) {
    if (generation !== this.generation) return; // an old worker we replaced on purpose
    this.setStatus({ state: "dead", error: message });
    for (const [, p] of this.pending) p.reject(new Error(message));
    this.pending.clear();
  }

  private onMessage(data: unknown) {
    const parsed = nodeWorkerMessageSchema.safeParse(data);
    if (!parsed.success) {
      console.error(`[node-kernel] invalid worker message: ${parsed.error.issues[0]?.message}`);
      return;
    }
    const m = parsed.data;
    if (m.type === "fatal") return this.failAll(this.generation, `the Python worker failed: ${m.message}`);
    if (m.type === "progress") return;
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === "output") {
      for (const o of m.outputs) {
        // Stream chunks merged as the browser kernel does, so a run's outputs are the saved shape.
        if (p.outputs) pushOutput(p.outputs, o);
        p.onOutput?.(o);
      }
      return;
    }
    this.pending.delete(m.id);
    if (m.type === "error") p.reject(new Error(m.message));
    else p.resolve(m);
  }

  private request(
    message: NodeWorkerRequest,
    timeoutMs: number | null,
    extra: Partial<Pending> = {},
  ): Promise<NodeWorkerMessage> {
    return new Promise((resolve, reject) => {
      const timer =
        timeoutMs === null
          ? null
          : setTimeout(() => {
              this.pending.delete(message.id);
              reject(new Error(`the Python worker did not answer ${message.type} within ${timeoutMs} ms`));
            }, timeoutMs);
      const done =
        <T>(fn: (v: T) => void) =>
        (v: T) => {
          if (timer) clearTimeout(timer);
          fn(v);
        };
      this.pending.set(message.id, { resolve: done(resolve), reject: done(reject), ...extra });
      if (!this.worker) return reject(new Error("the kernel is not running"));
      this.worker.postMessage(message);
    });
  }

  /** Requests run one at a time, in order (runs, file operations, resets). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const go = () => this.booting.then(fn);
    const next = this.current.then(go, go);
    this.current = next.catch(() => undefined);
    return next;
  }

  run(code: string, options: NodeRunOptions = {}): Promise<RunResult> {
    return this.serial(async () => {
      if (this.state.state === "dead" && !this.disposed) {
        // The worker crashed (out of memory, a fatal error): a new interpreter, which callers see
        // as a change of `boots` (the namespace and the files are gone).
        try {
          this.booting = this.boot();
          await this.booting;
        } catch (e) {
          return {
            status: "error",
            executionCount: null,
            outputs: [kernelError("KernelDead", (e as Error).message)],
            durationMs: 0,
          };
        }
      }
      if (this.disposed) return { status: "cancelled", executionCount: null, outputs: [], durationMs: 0 };
      const executionCount = ++this.executionCount;
      const id = this.nextId++;
      const outputs: Output[] = [];
      const t0 = performance.now();
      Atomics.store(new Int32Array(this.interruptBuffer), 0, 0);
      options.onStart?.(executionCount);
      this.setStatus({ state: "busy" });
      this.runningId = id;
      let timedOut = false;
      const timer = options.timeoutMs
        ? setTimeout(() => {
            timedOut = true;
            void this.interrupt();
          }, options.timeoutMs)
        : null;
      try {
        const done = await this.request({ type: "run", id, code, executionCount }, null, {
          outputs,
          onOutput: options.onOutput,
        });
        const status = done.type === "runDone" ? done.status : "error";
        if (timedOut) pushOutput(outputs, timeoutNote(options.timeoutMs!, false));
        return { status, executionCount, outputs, durationMs: performance.now() - t0 };
      } catch (e) {
        // The worker was replaced (interrupt fallback) or died: the cell's outputs so far are kept,
        // and the run ends once the replacement is ready, so "interrupted" means "usable again".
        await this.booting.catch(() => undefined);
        pushOutput(
          outputs,
          timedOut ? timeoutNote(options.timeoutMs!, true) : kernelError("KernelRestarted", (e as Error).message),
        );
        return { status: "interrupted", executionCount, outputs, durationMs: performance.now() - t0 };
      } finally {
        if (timer) clearTimeout(timer);
        this.runningId = null;
        if (this.state.state === "busy") this.setStatus({ state: "ready" });
      }
    });
  }

  /** SIGINT into the running cell; if it has not stopped within the grace period, a new interpreter. */
  async interrupt(): Promise<void> {
    const id = this.runningId;
    if (id === null) return;
    Atomics.store(new Int32Array(this.interruptBuffer), 0, 2);
    const grace = this.options.interruptGraceMs ?? 3000;
    const deadline = Date.now() + grace;
    while (Date.now() < deadline && this.runningId === id) await new Promise((r) => setTimeout(r, 10));
    if (this.runningId === id)
      await this.replaceWorker(`the cell did not stop within ${grace} ms of an interrupt; Python was restarted`);
  }

  private async replaceWorker(why: string): Promise<void> {
    const old = this.worker;
    this.generation++;
    this.worker = null;
    // Set before the pending run is rejected, so its caller waits for the replacement.
    this.booting = (async () => {
      if (old) await old.terminate();
      await this.boot();
    })();
    for (const [, p] of this.pending) p.reject(new Error(why));
    this.pending.clear();
    await this.booting;
  }

  /** Fresh interpreter: a new thread and boot (queued runs still run afterwards, against it). */
  async restart(): Promise<void> {
    await this.replaceWorker("the kernel was restarted");
  }

  /** Clean namespace, empty working directory, counter at 0, without a new boot. */
  reset(): Promise<void> {
    return this.serial(async () => {
      await this.request({ type: "reset", id: this.nextId++ }, 30_000);
      this.executionCount = 0;
    });
  }

  writeFile(path: string, data: Uint8Array): Promise<void> {
    return this.serial(
      async () => void (await this.request({ type: "writeFile", id: this.nextId++, path, data }, 30_000)),
    );
  }

  readFile(path: string): Promise<Uint8Array> {
    return this.serial(async () => {
      const m = await this.request({ type: "readFile", id: this.nextId++, path }, 30_000);
      if (m.type !== "reply" || !m.data) throw new Error(`no data for ${path}`);
      return m.data;
    });
  }

  deleteFile(path: string): Promise<void> {
    return this.serial(async () => void (await this.request({ type: "deleteFile", id: this.nextId++, path }, 30_000)));
  }

  /** Every file under `dir` (paths as `dir/…`), with size and mtime; [] when absent. */
  listFiles(dir: string): Promise<FileEntry[]> {
    return this.serial(async () => {
      const m = await this.request({ type: "listFiles", id: this.nextId++, dir }, 30_000);
      return m.type === "fileList" ? m.files : [];
    });
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    const w = this.worker;
    this.worker = null;
    for (const [, p] of this.pending) p.reject(new Error("the kernel was disposed"));
    this.pending.clear();
    this.setStatus({ state: "dead", error: "disposed" });
    void w?.terminate();
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
