// A Kernel that keeps the Python filesystem and the notebook's stored files in step:
// - on every interpreter start (page load, restart, crash recovery) it writes all stored files
//   (data/ and output/) into the filesystem before any run starts; downloads begin as soon as
//   the interpreter starts booting, so they overlap with Python's start-up;
// - after every run it looks for files the code wrote or changed under output/, saves them, and
//   names them in the run's result (the agent's observation names them from there).
// Everything else is passed through. The stored-file list and the transport come from the page.
import type {
  InterruptOptions,
  InterruptOutcome,
  Kernel,
  KernelStatus,
  RunOptions,
  RunResult,
  UserVariables,
} from "@/lib/kernel/kernel";
import type { FileEntry } from "@/lib/kernel/protocol";
import type { FileInfo } from "./file-info";
import { checkFilePath, FILE_DIRS } from "./file-paths";

export interface FileTransport {
  /** The notebook's stored files as the page knows them now. */
  files(): readonly FileInfo[];
  download(path: string): Promise<Uint8Array>;
  /** Saves an output file (overwriting); resolves with what was stored. */
  saveOutput(path: string, bytes: Uint8Array, sha256: string): Promise<FileInfo>;
  maxFileBytes: number;
  /** A file could not be restored or saved; the kernel keeps working. */
  onProblem(message: string): void;
  /** Restored files into a new interpreter: count and time (for the UI and benchmarks). */
  onRestored?(info: { files: number; bytes: number; ms: number }): void;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

type Seen = Map<string, { size: number; mtimeMs: number }>;

/**
 * Bytes kept on the page for the next restart, by path and sha256, up to this many bytes in all:
 * a restart then writes from memory instead of revalidating every file over the network while
 * Python boots (which adds seconds to a restart with many large files).
 */
export const RESTORE_CACHE_BYTES = 256 * 1024 * 1024;

export class FileSyncKernel implements Kernel {
  private readonly listeners = new Set<(status: KernelStatus) => void>();
  private readonly unsubscribe: () => void;
  /** Settles when the current interpreter has its files; runs (and file writes) wait for it. */
  private gate: Promise<void> = Promise.resolve();
  /** Opens the gate; set while it is closed (from a start until that interpreter is restored). */
  private openGate: (() => void) | null = null;
  private restoring = false;
  private needsRestore = true;
  private prefetch: Promise<{ path: string; bytes: Uint8Array | null }[]> | null = null;
  /** output/ files as last seen (size, mtime), to spot what a run changed. */
  private seen: Seen = new Map();
  private scans: Promise<unknown> = Promise.resolve();
  private last: KernelStatus;
  /** Bumped at every interpreter start: a restore of an interpreter that is gone must not open the gate. */
  private generation = 0;
  private readonly cache = new Map<string, { sha256: string; bytes: Uint8Array }>();
  private cacheBytes = 0;

  constructor(
    private readonly inner: Kernel,
    private readonly transport: FileTransport,
  ) {
    this.last = this.status();
    this.unsubscribe = inner.onStatus((s) => this.onInnerStatus(s));
    this.onInnerStatus(inner.status());
  }

  status(): KernelStatus {
    const s = this.inner.status();
    if (this.restoring && (s.state === "ready" || s.state === "busy"))
      return { state: "starting", progress: "Restoring files…" };
    return s;
  }

  onStatus(listener: (status: KernelStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs the code, then saves what it changed under output/. The listing is queued right behind
   * the run, so with several runs queued each one's files are attributed to it. The result waits
   * for the listing and the saving only with `awaitSavedFiles` (the agent names the files in its
   * observation); a person's cell finishes as soon as Python does (the listing is one more worker
   * round trip) and its files appear in the panel when saved.
   */
  async run(code: string, options?: RunOptions): Promise<RunResult> {
    await this.gate;
    const running = this.inner.run(code, options);
    const listing = this.inner.listFiles(FILE_DIRS.output).catch(() => null);
    // Chained on the listing, not on the result: listings arrive in run order, so saves stay in order.
    const saving = listing.then((entries) => (entries ? this.enqueueSave(entries) : []));
    const result = await running;
    if (result.status === "cancelled" || !options?.awaitSavedFiles) return result;
    const savedFiles = await saving;
    return savedFiles.length ? { ...result, savedFiles } : result;
  }

  interrupt(options?: InterruptOptions): Promise<InterruptOutcome> {
    return this.inner.interrupt(options);
  }

  userVariables(): Promise<UserVariables | null> {
    return this.inner.userVariables();
  }

  async restart(): Promise<void> {
    await this.inner.restart();
    await this.gate;
  }

  async writeFile(path: string, data: Uint8Array): Promise<void> {
    await this.gate;
    return this.inner.writeFile(path, data);
  }

  async readFile(path: string): Promise<Uint8Array> {
    await this.gate;
    return this.inner.readFile(path);
  }

  async deleteFile(path: string): Promise<void> {
    await this.gate;
    this.seen.delete(path);
    return this.inner.deleteFile(path);
  }

  listFiles(dir: string): Promise<FileEntry[]> {
    return this.inner.listFiles(dir);
  }

  dispose(): void {
    this.releaseGate();
    this.unsubscribe();
    this.listeners.clear();
    this.inner.dispose();
  }

  /** Finds files under output/ that changed since the last look and saves them. */
  async syncOutputs(): Promise<string[]> {
    const entries = await this.inner.listFiles(FILE_DIRS.output).catch(() => null);
    return entries ? this.enqueueSave(entries) : [];
  }

  // ------------------------------------------------------------------ internals

  private onInnerStatus(s: KernelStatus): void {
    if (s.state === "starting") {
      if (!this.needsRestore || this.restoring) this.generation++;
      this.needsRestore = true;
      // Nothing runs in the new interpreter before its files are back.
      if (!this.openGate) this.gate = new Promise<void>((resolve) => (this.openGate = resolve));
      // Start downloading while Python boots (the browser revalidates unchanged files by ETag).
      this.prefetch ??= this.downloadAll();
    } else if (s.state === "dead") {
      // Runs must fail now (the inner kernel says why), not wait for a restore that may never come.
      this.needsRestore = true;
      this.releaseGate();
    } else if (this.needsRestore) {
      this.needsRestore = false;
      this.restoring = true;
      const generation = this.generation;
      if (!this.openGate) this.gate = new Promise<void>((resolve) => (this.openGate = resolve));
      void this.restore()
        .catch((e: unknown) =>
          this.transport.onProblem(`Could not restore files: ${e instanceof Error ? e.message : String(e)}`),
        )
        .finally(() => {
          if (generation !== this.generation) return; // a newer interpreter is on its way
          this.restoring = false;
          this.releaseGate();
          this.emit();
        });
    }
    this.emit();
  }

  private releaseGate(): void {
    const open = this.openGate;
    this.openGate = null;
    open?.();
  }

  private emit(): void {
    const s = this.status();
    if (JSON.stringify(s) === JSON.stringify(this.last)) return;
    this.last = s;
    for (const l of [...this.listeners]) {
      try {
        l(s);
      } catch (e) {
        console.error("kernel status listener failed:", e);
      }
    }
  }

  /** Keeps a stored file's bytes for the next restart (the page passes its uploads here too). */
  keepForRestart(path: string, sha256: string, bytes: Uint8Array): void {
    this.forget(path);
    if (this.cacheBytes + bytes.length > RESTORE_CACHE_BYTES) return;
    this.cache.set(path, { sha256, bytes });
    this.cacheBytes += bytes.length;
  }

  private forget(path: string): void {
    const old = this.cache.get(path);
    if (old) this.cacheBytes -= old.bytes.length;
    this.cache.delete(path);
  }

  private downloadAll(): Promise<{ path: string; bytes: Uint8Array | null }[]> {
    const files = this.transport.files();
    // Forget files that are gone (deleted, or replaced under another name).
    for (const path of [...this.cache.keys()]) if (!files.some((f) => f.path === path)) this.forget(path);
    return Promise.all(
      files.map(async (f) => {
        const cached = this.cache.get(f.path);
        if (cached?.sha256 === f.sha256) return { path: f.path, bytes: cached.bytes };
        try {
          const bytes = await this.transport.download(f.path);
          this.keepForRestart(f.path, f.sha256, bytes);
          return { path: f.path, bytes };
        } catch (e) {
          this.transport.onProblem(`Could not restore ${f.path}: ${e instanceof Error ? e.message : String(e)}`);
          return { path: f.path, bytes: null };
        }
      }),
    );
  }

  private async restore(): Promise<void> {
    const t0 = performance.now();
    const files = await (this.prefetch ?? this.downloadAll());
    this.prefetch = null;
    this.seen = new Map();
    let bytes = 0;
    let written = 0;
    for (const f of files) {
      if (!f.bytes || !checkFilePath(f.path).ok) continue;
      try {
        await this.inner.writeFile(f.path, f.bytes);
        bytes += f.bytes.length;
        written++;
      } catch (e) {
        this.transport.onProblem(`Could not restore ${f.path}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    // Restored output files are known as they are now, so the first scan does not re-save them.
    if (files.some((f) => f.path.startsWith(`${FILE_DIRS.output}/`))) {
      const entries = await this.inner.listFiles(FILE_DIRS.output).catch(() => []);
      for (const e of entries) this.seen.set(e.path, { size: e.size, mtimeMs: e.mtimeMs });
    }
    this.transport.onRestored?.({ files: written, bytes, ms: performance.now() - t0 });
  }

  /** Saves are serialized: each compares against what the previous one recorded. */
  private enqueueSave(entries: FileEntry[]): Promise<string[]> {
    const next = this.scans.then(() => this.saveChanged(entries));
    this.scans = next.catch(() => {});
    return next.catch((e: unknown) => {
      this.transport.onProblem(`Could not save output files: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    });
  }

  private async saveChanged(entries: FileEntry[]): Promise<string[]> {
    const stored = new Map(this.transport.files().map((f) => [f.path, f]));
    const saved: string[] = [];
    for (const e of entries) {
      const before = this.seen.get(e.path);
      if (before && before.size === e.size && before.mtimeMs === e.mtimeMs) continue;
      this.seen.set(e.path, { size: e.size, mtimeMs: e.mtimeMs });
      const checked = checkFilePath(e.path);
      if (!checked.ok) {
        this.transport.onProblem(`Not saved: ${e.path}: ${checked.reason}`);
        continue;
      }
      // The listing comes from the worker, which Python can forge: only output/ leaves the kernel.
      if (checked.kind !== "output") {
        this.transport.onProblem(`Not saved: ${e.path}: only files under output/ are saved from Python.`);
        continue;
      }
      if (e.size > this.transport.maxFileBytes) {
        this.transport.onProblem(
          `Not saved: ${e.path} is larger than the limit of ${this.transport.maxFileBytes} bytes per file.`,
        );
        continue;
      }
      try {
        const bytes = await this.inner.readFile(e.path);
        const sha = await sha256Hex(bytes);
        if (stored.get(checked.path)?.sha256 === sha) continue; // rewritten with the same content
        await this.transport.saveOutput(checked.path, bytes, sha);
        this.keepForRestart(checked.path, sha, bytes);
        saved.push(checked.path);
      } catch (err) {
        this.seen.delete(e.path); // try again after the next run
        this.transport.onProblem(`Could not save ${e.path}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return saved;
  }
}
