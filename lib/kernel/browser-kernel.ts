// The Kernel of the notebook page: Python (Pyodide) in a module Web Worker.
//
// Work (runs, file operations) is queued here and handed to the worker one job at a time,
// so the page always knows which run is executing: outputs are matched to it by request
// id, an interrupt can only hit it (the SIGINT cell is cleared between jobs), and a
// restart knows what to cancel. Runs never time out; they end with the worker's answer,
// an interrupt, a restart or the worker's death. Outputs are delivered as the worker
// sends them (already batched there); the UI decides how often to render.
import {
  resolveOptions,
  type BrowserKernelOptions,
  type ResolvedOptions,
  type WorkerLike,
} from "@/lib/kernel/browser-kernel-options";
import type { Kernel, KernelStatus, RunOptions, RunResult } from "@/lib/kernel/kernel";
import {
  activeRunOutcome,
  cancelRun,
  kernelError,
  newRunJob,
  pushOutput,
  settleRun,
  stopMessage,
  type FileJob,
  type FileReply,
  type Job,
  type StopReason,
} from "@/lib/kernel/kernel-jobs";
import { PendingRequests } from "@/lib/kernel/pending-requests";
import {
  assertNever,
  parseWorkerMessage,
  PROTOCOL_VERSION,
  type FileEntry,
  type ReadyMessage,
  type WorkerMessage,
} from "@/lib/kernel/protocol";

export type { BrowserKernelOptions, WorkerLike } from "@/lib/kernel/browser-kernel-options";

interface Connection {
  worker: WorkerLike;
  ready: boolean;
}

/** How often an interrupt is signalled again while the cell has not stopped. */
const INTERRUPT_REPEAT_MS = 250;

export class BrowserKernel implements Kernel {
  private readonly opts: ResolvedOptions;
  private readonly interruptCell: Int32Array | null;
  private readonly listeners = new Set<(status: KernelStatus) => void>();
  private readonly pending = new PendingRequests();
  private readonly queue: Job[] = [];
  private current: KernelStatus = { state: "starting", progress: "Starting Python…" };
  private conn: Connection | null = null;
  private active: { id: number; job: Job } | null = null;
  private booting: Promise<void> | null = null;
  private nextId = 1;
  private executionCount = 1;
  private ready: ReadyMessage | null = null;
  private disposed = false;

  constructor(options: BrowserKernelOptions = {}) {
    this.opts = resolveOptions(options);
    const isolated = this.opts.crossOriginIsolated && typeof SharedArrayBuffer !== "undefined";
    const adopted = this.opts.adopt?.interruptBuffer ?? null;
    this.interruptCell = isolated ? new Int32Array(adopted ?? new SharedArrayBuffer(4)) : null;
    void this.start();
  }

  status(): KernelStatus {
    return this.current;
  }

  onStatus(listener: (status: KernelStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How the current interpreter booted (snapshot or not, timings); null until ready. */
  bootInfo(): ReadyMessage | null {
    return this.ready;
  }

  run(code: string, options: RunOptions = {}): Promise<RunResult> {
    const job = newRunJob(code, options);
    if (this.disposed) cancelRun(job);
    else if (this.current.state === "dead")
      settleRun(
        job,
        "error",
        kernelError("KernelDead", `The kernel is not running (${this.current.error}); restart it.`),
      );
    else this.enqueue(job);
    return job.finished;
  }

  writeFile(path: string, data: Uint8Array): Promise<void> {
    return this.fileJob(`writeFile ${path}`, (id) => ({ type: "writeFile", id, path, data })).then(() => undefined);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const data = await this.fileJob(`readFile ${path}`, (id) => ({ type: "readFile", id, path }));
    if (!(data instanceof Uint8Array)) throw new Error(`readFile ${path}: the worker sent no data`);
    return data;
  }

  deleteFile(path: string): Promise<void> {
    return this.fileJob(`deleteFile ${path}`, (id) => ({ type: "deleteFile", id, path })).then(() => undefined);
  }

  async listFiles(dir: string): Promise<FileEntry[]> {
    const files = await this.fileJob(`listFiles ${dir}`, (id) => ({ type: "listFiles", id, dir }));
    if (!Array.isArray(files)) throw new Error(`listFiles ${dir}: the worker sent no listing`);
    return files;
  }

  async interrupt(): Promise<void> {
    const active = this.active;
    if (!active || active.job.kind !== "run") return;
    const job = active.job;
    if (!this.interruptCell) return this.restartFor({ kind: "interrupt-unsupported" });
    const cell = this.interruptCell;
    Atomics.store(cell, 0, 2); // SIGINT: KeyboardInterrupt at the next bytecode
    // Rarely (docs/performance.md) the signal is consumed
    // without stopping the cell; signalling again while the job still runs stops it instead of
    // waiting for the restart. Never after the job ended: finishJob clears the cell for the next.
    const again = setInterval(() => {
      if (this.active?.job === job) Atomics.store(cell, 0, 2);
    }, INTERRUPT_REPEAT_MS);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const graceOver = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), this.opts.interruptGraceMs)));
    const outcome = await Promise.race([job.finished.then(() => "stopped" as const), graceOver]);
    clearTimeout(timer);
    clearInterval(again);
    if (outcome === "late" && this.active?.job === job) {
      await this.restartFor({ kind: "interrupt-timeout", graceMs: this.opts.interruptGraceMs });
    }
  }

  /** Resolves when the new interpreter is ready, or dead (see status()); never rejects. */
  restart(): Promise<void> {
    return this.restartFor({ kind: "restart" });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop({ kind: "disposed" });
    this.current = { state: "dead", error: "The kernel was shut down." };
    this.listeners.clear();
  }

  // ------------------------------------------------------------------ lifecycle

  private start(): Promise<void> {
    let worker: WorkerLike;
    // An early worker already got its init (id 1) with our interrupt buffer; only the first boot.
    const adopt =
      this.opts.adopt &&
      this.nextId === 1 &&
      (this.opts.adopt.interruptBuffer === null) === (this.interruptCell === null)
        ? this.opts.adopt
        : null;
    if (this.opts.adopt && !adopt) {
      this.opts.adopt.stop();
      this.opts.adopt.worker.terminate();
    }
    this.opts.adopt = null;
    try {
      worker = adopt ? adopt.worker : this.opts.createWorker(this.opts.workerURL);
    } catch (e) {
      this.die(`could not start the Python worker: ${e instanceof Error ? e.message : String(e)}`);
      return Promise.resolve();
    }
    const conn: Connection = { worker, ready: false };
    this.conn = conn;
    this.ready = null;
    const mine = (fn: (event: Event) => void) => (event: Event) => this.conn === conn && fn(event);
    conn.worker.addEventListener(
      "message",
      mine((e) => this.onMessage((e as MessageEvent).data)),
    );
    conn.worker.addEventListener(
      "error",
      mine((e) =>
        this.die(
          `the Python worker crashed: ${(e as ErrorEvent).message || `script error (failed to load ${this.opts.workerURL}?)`}`,
        ),
      ),
    );
    conn.worker.addEventListener(
      "messageerror",
      mine(() => this.die("a message from the Python worker could not be read")),
    );
    this.setStatus({ state: "starting", progress: "Starting Python…" });
    if (this.interruptCell) Atomics.store(this.interruptCell, 0, 0);
    const id = this.nextId++;
    const ready = this.pending.add<ReadyMessage>(id, "Python start-up", this.opts.initTimeoutMs);
    if (adopt) {
      adopt.stop();
      for (const data of adopt.buffered.splice(0)) {
        if (this.conn !== conn) break;
        const crashed = (data as { workerError?: unknown } | null)?.workerError;
        if (typeof crashed === "string")
          this.die(`the Python worker crashed: ${crashed || `script error (failed to load ${this.opts.workerURL}?)`}`);
        else this.onMessage(data);
      }
    } else
      conn.worker.postMessage({
        type: "init",
        id,
        protocolVersion: PROTOCOL_VERSION,
        indexURL: this.opts.indexURL,
        snapshotURL: this.opts.snapshotURL,
        interruptBuffer: (this.interruptCell?.buffer as SharedArrayBuffer | undefined) ?? null,
        packages: this.opts.packages,
      });
    const booting: Promise<void> = ready
      .then(
        (message) => {
          if (this.conn !== conn) return;
          conn.ready = true;
          this.ready = message;
          this.pump();
        },
        (e: Error) => {
          if (this.conn === conn) this.die(e.message);
        },
      )
      .finally(() => {
        if (this.booting === booting) this.booting = null;
      });
    this.booting = booting;
    return booting;
  }

  private async restartFor(reason: StopReason): Promise<void> {
    if (this.disposed) return;
    if (this.booting && !this.active) {
      // Already a fresh interpreter on its way: only the queue goes.
      this.cancelQueue(reason);
      return this.booting;
    }
    this.stop(reason);
    this.executionCount = 1;
    return this.start();
  }

  /** Ends the worker and everything waiting on it. */
  private stop(reason: StopReason): void {
    const conn = this.conn;
    this.conn = null;
    conn?.worker.terminate();
    const active = this.active;
    this.active = null;
    if (active?.job.kind === "run") {
      const { status, error } = activeRunOutcome(reason);
      settleRun(active.job, status, error);
    }
    this.pending.rejectAll(new Error(stopMessage(reason))); // init and the active file job
    this.cancelQueue(reason);
  }

  private cancelQueue(reason: StopReason): void {
    for (const job of this.queue.splice(0)) {
      if (job.kind === "run") cancelRun(job);
      else job.reject(new Error(`${job.describe}: ${stopMessage(reason)}`));
    }
  }

  private die(error: string): void {
    this.stop({ kind: "died", error });
    this.setStatus({ state: "dead", error });
  }

  // ------------------------------------------------------------------ the queue

  private enqueue(job: Job): void {
    this.queue.push(job);
    this.pump();
  }

  private fileJob(describe: string, request: FileJob["request"]): Promise<FileReply> {
    return new Promise((resolve, reject) => {
      if (this.disposed || this.current.state === "dead") {
        reject(new Error(`${describe}: ${this.disposed ? "the kernel was shut down" : "the kernel is dead"}`));
        return;
      }
      this.enqueue({ kind: "file", describe, request, resolve, reject });
    });
  }

  /** Hands the next job to the worker when it is ready and idle. */
  private pump(): void {
    const conn = this.conn;
    if (!conn?.ready || this.active) return;
    const job = this.queue.shift();
    if (!job) {
      this.setStatus({ state: "ready" });
      return;
    }
    const id = this.nextId++;
    this.active = { id, job };
    if (job.kind === "run") {
      job.executionCount = this.executionCount++;
      job.startedAt = performance.now();
      this.setStatus({ state: "busy" });
      conn.worker.postMessage({ type: "run", id, code: job.code, executionCount: job.executionCount });
      this.safely(() => job.options.onStart?.(job.executionCount!));
      return;
    }
    this.setStatus({ state: "ready" });
    this.pending.add<FileReply>(id, job.describe, this.opts.fileTimeoutMs).then(
      (data) => this.finishJob(id, () => job.resolve(data)),
      (e: Error) =>
        this.finishJob(id, () =>
          job.reject(e.message.startsWith(job.describe) ? e : new Error(`${job.describe}: ${e.message}`)),
        ),
    );
    conn.worker.postMessage(job.request(id));
  }

  private finishJob(id: number, settle: () => void): void {
    settle();
    if (this.active?.id !== id) return;
    this.active = null;
    // A SIGINT sent just as the job ended must not hit the next one.
    if (this.interruptCell) Atomics.store(this.interruptCell, 0, 0);
    this.pump();
  }

  // ------------------------------------------------------------------ worker messages

  private onMessage(data: unknown): void {
    const parsed = parseWorkerMessage(data);
    if (!parsed.ok) return this.die(`protocol error: ${parsed.error}`);
    const message: WorkerMessage = parsed.message;
    switch (message.type) {
      case "progress":
        if (this.current.state === "starting") this.setStatus({ state: "starting", progress: message.message });
        return;
      case "ready":
        if (message.protocolVersion !== PROTOCOL_VERSION) {
          this.pending.reject(
            message.id,
            new Error(`protocol mismatch: page ${PROTOCOL_VERSION}, worker ${message.protocolVersion}`),
          );
        } else {
          this.pending.resolve(message.id, message);
        }
        return;
      case "packageProgress": {
        const job = this.active?.id === message.id ? this.active.job : null;
        if (job?.kind !== "run") return;
        this.safely(() => job.options.onPackageProgress?.(message.message));
        this.setStatus(message.message === null ? { state: "busy" } : { state: "busy", activity: message.message });
        return;
      }
      case "output": {
        const job = this.active?.id === message.id ? this.active.job : null;
        if (job?.kind !== "run") return; // a late batch from a run already settled
        for (const output of message.outputs) {
          pushOutput(job.outputs, output);
          this.safely(() => job.options.onOutput?.(output));
        }
        return;
      }
      case "runDone": {
        const job = this.active?.id === message.id ? this.active.job : null;
        if (job?.kind !== "run") return;
        this.finishJob(message.id, () =>
          job.resolve({
            status: message.status,
            executionCount: job.executionCount,
            outputs: job.outputs,
            durationMs: message.durationMs,
          }),
        );
        return;
      }
      case "reply":
        this.pending.resolve(message.id, message.data);
        return;
      case "fileList":
        this.pending.resolve(message.id, message.files);
        return;
      case "error":
        this.pending.reject(message.id, new Error(message.message));
        return;
      case "fatal":
        return this.die(`the Python worker failed: ${message.message}`);
      default:
        assertNever(message, "worker message");
    }
  }

  private setStatus(next: KernelStatus): void {
    const prev = this.current;
    if (prev.state === next.state && JSON.stringify(prev) === JSON.stringify(next)) return;
    this.current = next;
    for (const listener of [...this.listeners]) this.safely(() => listener(next));
  }

  /** A throwing UI callback must not wedge the queue. */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      console.error("kernel callback failed:", e);
    }
  }
}
