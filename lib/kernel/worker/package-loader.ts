// Loads the Pyodide packages a cell imports before the cell runs, from the configured index,
// with progress and a bounded time. Pyodide's own loader resolves with nothing when a download
// fails and never settles when a host hangs (shared/ENVIRONMENT.md), so this module decides
// success by what is actually loaded afterwards and gives up when nothing arrives for
// `timeoutMs`. Whatever failed is returned as {import name: reason} for the Python side
// (packages.py), which raises ModuleNotFoundError with that reason at the import.
import type { Lockfile, PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import type { PackageSource } from "../protocol";
import { installPackageFetch, withDownloads } from "./package-fetch";

type FindImports = PyProxy & ((code: string) => PyProxy);

const PROGRESS_EVERY_MS = 100;
const INTERRUPT_POLL_MS = 50;
/** A load may stall at most timeoutMs at a time, and never take longer than this in total. */
const MAX_TOTAL_MS = 10 * 60_000;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);

export class PackageLoader {
  /** What loadPyodide is given: the lock file (bounded fetch, with a fallback) and the base URL. */
  readonly bootOptions: { lockFileContents: Promise<Lockfile>; packageBaseUrl: string };
  private lock: Lockfile | null = null;
  /** Why the index's own lock file was not used, shown with any load failure. */
  private lockError: string | null = null;
  private importToPackage = new Map<string, string>();
  private findImports: FindImports | null = null;

  constructor(
    private readonly source: PackageSource,
    /** Pyodide's bundled lock file for this exact version (our origin), used if the index's is unreachable. */
    fallbackLockURL: string,
  ) {
    installPackageFetch();
    this.bootOptions = {
      lockFileContents: this.readLock(fallbackLockURL),
      packageBaseUrl: new URL(source.baseURL, globalThis.location.href).href,
    };
  }

  /**
   * Loads what `code` imports and is not loaded yet. `progress` gets a line while loading and
   * null at the end. Returns the import names that could not be loaded, with the reason.
   */
  async loadFor(
    py: PyodideAPI,
    code: string,
    progress: (message: string | null) => void,
    interrupted: () => boolean = () => false,
  ): Promise<Record<string, string>> {
    if (!this.lock || !/\bimport\b/.test(code)) return {};
    const wanted = this.packagesImportedBy(py, code);
    if (wanted.length === 0) return {};
    const closure = this.withDependencies(py, wanted);
    const label = closure.map((key) => this.lock!.packages[key]!.name).join(", ");
    const sizes = new Map<string, { received: number; total: number | null }>();
    const failures = new Map<string, string>();
    const inFlight = new Set<string>();
    const loaderErrors: string[] = [];
    const controller = new AbortController();
    let lastProgress = 0;
    const report = (force = false) => {
      const now = performance.now();
      if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      let received = 0;
      let total = 0;
      for (const s of sizes.values()) {
        received += s.received;
        total += s.total ?? s.received;
      }
      progress(sizes.size ? `Loading ${label}… ${mb(received)} of ${mb(total)} MB` : `Loading ${label}…`);
    };

    let stall: ReturnType<typeof setTimeout> | undefined;
    let giveUp!: (reason: string) => void;
    const gaveUp = new Promise<string>((resolve) => (giveUp = resolve));
    const stallMessage = `no data from the package index for ${Math.round(this.source.timeoutMs / 1000)} s`;
    const poke = () => {
      clearTimeout(stall);
      stall = setTimeout(() => giveUp(stallMessage), this.source.timeoutMs);
    };
    const total = setTimeout(() => giveUp(`still loading after ${MAX_TOTAL_MS / 60_000} minutes`), MAX_TOTAL_MS);
    const watch = setInterval(() => interrupted() && giveUp("interrupted"), INTERRUPT_POLL_MS);
    poke();
    report(true);
    try {
      const names = wanted.map((key) => this.lock!.packages[key]!.name);
      const hooks = {
        signal: controller.signal,
        onActivity: poke,
        onStart: (url: string) => inFlight.add(url),
        onDone: (url: string) => inFlight.delete(url),
        onBytes: (url: string, received: number, size: number | null) => {
          sizes.set(url, { received, total: size });
          report();
        },
        onError: (url: string, message: string) => {
          inFlight.delete(url);
          if (!failures.has(url)) failures.set(url, message);
        },
      };
      const loaded = py
        .loadPackage(names, { checkIntegrity: true, messageCallback: poke, errorCallback: (m) => loaderErrors.push(m) })
        .then(
          () => null,
          (e: unknown) => errorText(e),
        );
      const problem = await withDownloads(hooks, () => Promise.race([loaded, gaveUp]));
      if (problem !== null) {
        loaderErrors.unshift(problem);
        // Downloads still in flight are the ones that stalled: that is their reason.
        for (const url of inFlight) if (!failures.has(url)) failures.set(url, problem);
        controller.abort(problem);
      }
    } finally {
      clearTimeout(stall);
      clearTimeout(total);
      clearInterval(watch);
      progress(null);
    }
    return this.unavailable(py, wanted, failures, loaderErrors);
  }

  private async readLock(fallbackLockURL: string): Promise<Lockfile> {
    const url = new URL(this.source.lockFileURL, globalThis.location.href).href;
    try {
      this.lock = await fetchJson(url, this.source.timeoutMs);
    } catch (e) {
      this.lockError = `its lock file ${url} could not be read at start-up (${errorText(e)})`;
      // The fallback is served by our own origin, like pyodide.asm.wasm, whose fetch has no
      // timeout of its own: the index's stall limit (seconds) would make a busy machine's
      // start-up fatal. Start-up as a whole is still bounded by the kernel's init timeout.
      this.lock = await fetchJson(new URL(fallbackLockURL, globalThis.location.href).href, null);
    }
    for (const [key, entry] of Object.entries(this.lock.packages)) {
      for (const name of entry.imports) this.importToPackage.set(name, key);
    }
    return this.lock;
  }

  /** Lock keys of the packages whose import names the code uses, not loaded yet. */
  private packagesImportedBy(py: PyodideAPI, code: string): string[] {
    let names: string[];
    try {
      this.findImports ??= (py.pyimport("pyodide.code") as PyProxy & { find_imports: FindImports }).find_imports;
      const found = this.findImports(code);
      names = found.toJs() as string[];
      found.destroy();
    } catch {
      return []; // a syntax error: the cell reports it when it runs
    }
    const keys = new Set<string>();
    for (const name of names) {
      const key = this.importToPackage.get(name.split(".")[0]!);
      if (key && !(this.lock!.packages[key]!.name in py.loadedPackages)) keys.add(key);
    }
    return [...keys];
  }

  /** wanted and the dependencies not loaded yet, dependencies first (for the progress line). */
  private withDependencies(py: PyodideAPI, wanted: string[]): string[] {
    const order: string[] = [];
    const seen = new Set<string>();
    const visit = (key: string) => {
      const entry = this.lock!.packages[key];
      if (!entry || seen.has(key) || entry.name in py.loadedPackages) return;
      seen.add(key);
      for (const dep of entry.depends) visit(dep);
      order.push(key);
    };
    wanted.forEach(visit);
    return order;
  }

  private unavailable(
    py: PyodideAPI,
    wanted: string[],
    failures: Map<string, string>,
    loaderErrors: string[],
  ): Record<string, string> {
    const failedDownload = (key: string) => {
      const file = this.lock!.packages[key]!.file_name.split("/").pop()!;
      return [...failures].find(([url]) => url.split("?")[0]!.endsWith(`/${file}`));
    };
    const failureOf = (key: string) => failedDownload(key)?.[1];
    const result: Record<string, string> = {};
    for (const key of wanted) {
      const entry = this.lock!.packages[key]!;
      if (entry.name in py.loadedPackages) continue;
      let why = failureOf(key);
      if (!why) {
        const dep = this.withDependencies(py, [key]).find((k) => k !== key && failureOf(k));
        why = dep
          ? `its dependency '${this.lock!.packages[dep]!.name}' failed: ${failureOf(dep)}`
          : (loaderErrors[0] ?? "the loader gave no reason");
      }
      const from = failedDownload(key)?.[0] ?? this.bootOptions.packageBaseUrl;
      let reason = `package '${entry.name}' could not be loaded from ${from}: ${why}`;
      if (this.lockError) reason += `; ${this.lockError}`;
      for (const name of entry.imports) result[name] = reason;
    }
    return result;
  }
}

async function fetchJson(url: string, timeoutMs: number | null): Promise<Lockfile> {
  const signal = timeoutMs === null ? undefined : AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, { mode: "cors", credentials: "omit", signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const lock = (await response.json()) as Lockfile;
  if (!lock || typeof lock.packages !== "object") throw new Error("not a pyodide-lock.json (no packages)");
  return lock;
}
