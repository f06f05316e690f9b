// The one Kernel client: Python (Pyodide) in a worker, reached through a transport (a Web Worker
// on the page, a worker_thread in Node: kernel-transport.ts).
//
// Work (runs, file operations, resets) is queued here and handed to the worker one job at a time,
// so the kernel always knows which run is executing: outputs are matched to it by request id, an
// interrupt can only hit it (the SIGINT cell is cleared between jobs), and a restart knows what to
// cancel. Runs never time out; they end with the worker's answer, an interrupt, a restart, a crash
// or the kernel's disposal. An interpreter that fails once it was in use (a fatal Pyodide error,
// a crashed worker) is replaced at once, like a restart; one that cannot start leaves the kernel dead.
import type {
  InterruptOptions,
  InterruptOutcome,
  Kernel,
  KernelStatus,
  RunOptions,
  RunResult,
  UserVariables,
} from "@/lib/kernel/kernel";
import {
  activeRunOutcome,
  CRASH_RESTARTING,
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
import type { AnyInit, KernelTransport, WorkerConnection } from "@/lib/kernel/kernel-transport";
import { PendingRequests } from "@/lib/kernel/pending-requests";
import {
  assertNever,
  type CompleteRequest,
  type CoreRequest,
  type InspectRequest,
  parseWorkerMessage,
  PROTOCOL_VERSION,
  type FileEntry,
  type ReadyMessage,
  type WorkerMessage,
} from "@/lib/kernel/protocol";

export interface WorkerKernelTimings {
  /** How long an interrupted run may keep going before the kernel restarts. */
  interruptGraceMs: number;
  /** Start-up limit, per boot. */
  initTimeoutMs: number;
  /** Limit per file operation or reset, from when the worker gets it. */
  fileTimeoutMs: number;
}

/** The worker's ready message, with the wall time from starting the worker to ready. */
export type BootReport = ReadyMessage & { startMs: number };

interface Connection {
  worker: WorkerConnection<AnyInit> | null;
  ready: boolean;
}

/** How often an interrupt is signalled again while the cell has not stopped. */
const INTERRUPT_REPEAT_MS = 250;

export class WorkerKernel<Init extends AnyInit = AnyInit> implements Kernel {
  private readonly interruptCell: Int32Array | null;
  private readonly listeners = new Set<(status: KernelStatus) => void>();
  private readonly pending = new PendingRequests();
  private readonly queue: Job[] = [];
  private current: KernelStatus = { state: "starting", progress: "Starting Python…" };
  private conn: Connection | null = null;
  private active: { id: number; job: Job } | null = null;
  private booting: Promise<void> | null = null;
  /** Shown instead of the worker's start-up steps while a crashed interpreter is replaced. */
  private bootLabel: string | null = null;
  private nextId = 1;
  private executionCount = 1;
  private ready: BootReport | null = null;
  private startedBoots = 0;
  private disposed = false;

  constructor(
    private readonly transport: KernelTransport<Init>,
    private readonly timings: WorkerKernelTimings,
  ) {
    this.interruptCell = transport.interruptBuffer ? new Int32Array(transport.interruptBuffer) : null;
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
  bootReport(): BootReport | null {
    return this.ready;
  }

  /** Interpreters started so far; it changes (before the run that lost them settles) when variables and files are gone. */
  get boots(): number {
    return this.startedBoots;
  }

  /** Settles when no interpreter is booting (ready, or dead: see status()). */
  whenStarted(): Promise<void> {
    return this.booting ?? Promise.resolve();
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
    return this.request(`writeFile ${path}`, (id) => ({ type: "writeFile", id, path, data })).then(() => undefined);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const data = await this.request(`readFile ${path}`, (id) => ({ type: "readFile", id, path }));
    if (!(data instanceof Uint8Array)) throw new Error(`readFile ${path}: the worker sent no data`);
    return data;
  }

  deleteFile(path: string): Promise<void> {
    return this.request(`deleteFile ${path}`, (id) => ({ type: "deleteFile", id, path })).then(() => undefined);
  }

  async listFiles(dir: string): Promise<FileEntry[]> {
    const files = await this.request(`listFiles ${dir}`, (id) => ({ type: "listFiles", id, dir }));
    if (!Array.isArray(files)) throw new Error(`listFiles ${dir}: the worker sent no listing`);
    return files;
  }

  /**
   * Completion or help from the live namespace (complete.py's JSON). Never queued behind a cell:
   * the worker is single-threaded, so while anything runs or waits this answers null at once.
   */
  assist(request: (id: number) => CompleteRequest | InspectRequest): Promise<string | null> {
    return this.askIdle<string>("assist", request);
  }

  /**
   * What a restart would lose, from the idle interpreter; null while a cell runs or waits (it
   * cannot tell: assume variables exist). None while Python starts, or when it is dead.
   */
  async userVariables(): Promise<UserVariables | null> {
    if (this.disposed || !this.conn?.ready) return { names: [], count: 0 };
    return this.askIdle<UserVariables>("variables", (id) => ({ type: "variables", id }));
  }

  /** A question for an idle, ready worker; null at once when it is not, or when the answer fails. */
  private askIdle<T>(describe: string, request: (id: number) => CoreRequest): Promise<T | null> {
    const worker = this.conn?.ready ? this.conn.worker : null;
    if (!worker || this.active || this.queue.length > 0 || this.disposed) return Promise.resolve(null);
    const id = this.nextId++;
    const reply = this.pending.add<T>(id, describe, this.timings.fileTimeoutMs);
    worker.postMessage(request(id));
    return reply.catch(() => null);
  }

  /** Clean namespace, empty working directory, counter back to 1, without a new boot (reset.py). */
  reset(): Promise<void> {
    return this.request(
      "reset",
      (id) => ({ type: "reset", id }),
      () => (this.executionCount = 1),
    ).then(() => undefined);
  }

  async interrupt(options: InterruptOptions = {}): Promise<InterruptOutcome> {
    const restartIfStuck = options.restartIfStuck ?? true;
    // As in Jupyter, an interrupt stops the whole queue, not only the cell that runs.
    this.cancelQueuedRuns();
    const active = this.active;
    if (active?.job.kind !== "run") return "idle";
    const job = active.job;
    if (!this.interruptCell) {
      if (!restartIfStuck) return "still-running";
      await this.restartFor({ kind: "interrupt-unsupported" });
      return "restarted";
    }
    const cell = this.interruptCell;
    const worker = this.conn?.worker;
    // SIGINT: KeyboardInterrupt at the next bytecode; notify wakes a time.sleep (worker/sleep.py).
    // A cell that awaits runs no bytecode: the message has the worker cancel its task.
    const signal = () => {
      Atomics.store(cell, 0, 2);
      Atomics.notify(cell, 0);
      worker?.postMessage({ type: "interrupt", id: active.id });
    };
    signal();
    // Rarely the signal is consumed without stopping the cell; signalling again while the job
    // still runs stops it instead of waiting for the grace period. Never after the job ended:
    // finishJob clears the cell for the next.
    const again = setInterval(() => {
      if (this.active?.job === job) signal();
    }, INTERRUPT_REPEAT_MS);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const graceOver = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), this.timings.interruptGraceMs)));
    const outcome = await Promise.race([job.finished.then(() => "stopped" as const), graceOver]);
    clearTimeout(timer);
    clearInterval(again);
    if (outcome === "stopped" || this.active?.job !== job) return "stopped";
    if (!restartIfStuck) return "still-running";
    await this.restartFor({ kind: "interrupt-timeout", graceMs: this.timings.interruptGraceMs });
    return "restarted";
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
    const conn: Connection = { worker: null, ready: false };
    this.conn = conn;
    this.ready = null;
    this.startedBoots++;
    const startedAt = performance.now();
    this.setStatus({ state: "starting", progress: this.bootLabel ?? "Starting Python…" });
    try {
      conn.worker = this.transport.open({
        message: (data) => this.conn === conn && this.onMessage(data),
        crashed: (error) => this.conn === conn && this.crashed(error),
      });
    } catch (e) {
      this.die(`could not start the Python worker: ${e instanceof Error ? e.message : String(e)}`);
      return Promise.resolve();
    }
    if (this.interruptCell) Atomics.store(this.interruptCell, 0, 0);
    const id = this.nextId++;
    const ready = this.pending.add<ReadyMessage>(id, "Python start-up", this.timings.initTimeoutMs);
    if (conn.worker.replay) conn.worker.replay();
    else conn.worker.postMessage(this.transport.init(id));
    const booting: Promise<void> = ready
      .then(
        (message) => {
          if (this.conn !== conn) return;
          conn.ready = true;
          this.bootLabel = null;
          this.ready = { ...message, startMs: performance.now() - startedAt };
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
    conn?.worker?.terminate();
    const active = this.active;
    this.active = null;
    if (active?.job.kind === "run") {
      const { status, error } = activeRunOutcome(reason);
      settleRun(active.job, status, error);
    }
    this.pending.rejectAll(new Error(stopMessage(reason))); // init and the active request
    this.cancelQueue(reason);
  }

  /** Queued runs end as "cancelled"; queued file requests still go (the file-syncing kernel's restores). */
  private cancelQueuedRuns(): void {
    const runs = this.queue.filter((job) => job.kind === "run");
    if (runs.length === 0) return;
    this.queue.splice(0, this.queue.length, ...this.queue.filter((job) => job.kind !== "run"));
    for (const job of runs) cancelRun(job);
  }

  private cancelQueue(reason: StopReason): void {
    for (const job of this.queue.splice(0)) {
      if (job.kind === "run") cancelRun(job);
      else job.reject(new Error(`${job.describe}: ${stopMessage(reason)}`));
    }
  }

  /** The worker failed: replaced like a restart if its interpreter was in use, else the kernel is dead. */
  private crashed(error: string): void {
    if (!this.conn?.ready) {
      this.die(error);
      return;
    }
    this.bootLabel = CRASH_RESTARTING;
    void this.restartFor({ kind: "crashed", error });
  }

  private die(error: string): void {
    this.bootLabel = null;
    this.stop({ kind: "died", error });
    this.setStatus({ state: "dead", error });
  }

  // ------------------------------------------------------------------ the queue

  private enqueue(job: Job): void {
    if (job.kind === "run" && job.options.signal) {
      const signal = job.options.signal;
      if (signal.aborted) {
        cancelRun(job);
        return;
      }
      const drop = () => {
        const at = this.queue.indexOf(job);
        if (at < 0) return; // started or already ended: not ours to stop
        this.queue.splice(at, 1);
        cancelRun(job);
      };
      signal.addEventListener("abort", drop, { once: true });
      void job.finished.then(() => signal.removeEventListener("abort", drop));
    }
    this.queue.push(job);
    this.pump();
  }

  /** A request other than a run; `done` runs as it settles, before the next job starts. */
  private request(describe: string, request: FileJob["request"], done?: () => void): Promise<FileReply> {
    return new Promise((resolve, reject) => {
      if (this.disposed || this.current.state === "dead") {
        reject(new Error(`${describe}: ${this.disposed ? "the kernel was shut down" : "the kernel is dead"}`));
        return;
      }
      const settled = (data: FileReply) => {
        done?.();
        resolve(data);
      };
      this.enqueue({ kind: "file", describe, request, resolve: settled, reject });
    });
  }

  /** Hands the next job to the worker when it is ready and idle. */
  private pump(): void {
    const worker = this.conn?.ready ? this.conn.worker : null;
    if (!worker || this.active) return;
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
      worker.postMessage({ type: "run", id, code: job.code, executionCount: job.executionCount });
      this.safely(() => job.options.onStart?.(job.executionCount!));
      return;
    }
    this.setStatus({ state: "ready" });
    this.pending.add<FileReply>(id, job.describe, this.timings.fileTimeoutMs).then(
      (data) => this.finishJob(id, () => job.resolve(data)),
      (e: Error) =>
        this.finishJob(id, () =>
          job.reject(e.message.startsWith(job.describe) ? e : new Error(`${job.describe}: ${e.message}`)),
        ),
    );
    worker.postMessage(job.request(id));
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
    if (!parsed.ok) {
      this.die(`protocol error: ${parsed.error}`);
      return;
    }
    const message: WorkerMessage = parsed.message;
    switch (message.type) {
      case "progress":
        if (this.current.state === "starting" && !this.bootLabel)
          this.setStatus({ state: "starting", progress: message.message });
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
      case "assist":
        this.pending.resolve(message.id, message.json);
        return;
      case "variables":
        this.pending.resolve(message.id, { names: message.names, count: message.count });
        return;
      case "error":
        this.pending.reject(message.id, new Error(message.message));
        return;
      case "fatal":
        this.crashed(message.message);
        return;
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
