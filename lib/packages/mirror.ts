// Copies packages and their dependencies from a Pyodide package index into a local folder
// with its own pyodide-lock.json, for offline and air-gapped installs (the "local" source).
// Each file is checked against the lock's sha256; a run adds to an existing mirror.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

interface LockPackage {
  name: string;
  file_name: string;
  sha256: string;
  depends: string[];
  imports: string[];
  [key: string]: unknown;
}
interface Lockfile {
  info: Record<string, unknown>;
  packages: Record<string, LockPackage>;
}

export interface MirrorOptions {
  /** Index URL (ends with "/"), whose files are resolved against it. */
  baseURL: string;
  /** The lock to read: a URL, or a local file (the CDN's lock is the one Pyodide ships). */
  lock: { url: string } | { path: string };
  /** Package names (lock names, any case) or import names, e.g. "PIL". */
  names: string[];
  outDir: string;
  /** Per request: no answer (or no data) for this long fails the mirror. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface MirrorResult {
  /** Lock keys copied now, dependencies first. */
  copied: string[];
  /** Already in the mirror with the right sha256. */
  present: string[];
  bytes: number;
}

export class MirrorError extends Error {}

const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");

export async function mirrorPackages(options: MirrorOptions): Promise<MirrorResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const log = options.log ?? (() => {});
  const source = await readLock(options.lock, timeoutMs);
  const keys = resolve(source, options.names);
  await mkdir(options.outDir, { recursive: true });
  const lockPath = join(options.outDir, "pyodide-lock.json");
  const existing = await readFile(lockPath, "utf8").then(
    (t) => JSON.parse(t) as Lockfile,
    () => null,
  );
  if (existing && existing.info.abi_version !== source.info.abi_version) {
    throw new MirrorError(
      `${lockPath} is for Pyodide ABI ${String(existing.info.abi_version)}, the source for ${String(source.info.abi_version)}: use another folder`,
    );
  }
  const out: Lockfile = { info: source.info, packages: { ...existing?.packages } };
  const result: MirrorResult = { copied: [], present: [], bytes: 0 };
  for (const key of keys) {
    const entry = source.packages[key]!;
    const fileName = entry.file_name.split("/").pop()!;
    const target = join(options.outDir, fileName);
    const have = await readFile(target).catch(() => null);
    if (have && sha256(have) === entry.sha256) {
      result.present.push(key);
    } else {
      const url = new URL(entry.file_name, options.baseURL).href;
      log(`downloading ${entry.name} ${String(entry.version ?? "")} from ${url}`);
      const bytes = await download(url, timeoutMs);
      if (sha256(bytes) !== entry.sha256)
        throw new MirrorError(`${url}: sha256 does not match the lock file (corrupt or changed file)`);
      await writeFile(`${target}.part`, bytes);
      await rename(`${target}.part`, target);
      result.copied.push(key);
      result.bytes += bytes.length;
    }
    out.packages[key] = { ...entry, file_name: fileName };
  }
  await writeFile(`${lockPath}.part`, JSON.stringify(out));
  await rename(`${lockPath}.part`, lockPath);
  return result;
}

/** Lock keys for the names and all their dependencies, dependencies first. */
export function resolve(lock: Lockfile, names: string[]): string[] {
  if (names.length === 0) throw new MirrorError("name at least one package, e.g. numpy pandas matplotlib");
  const byImport = new Map<string, string>();
  for (const [key, p] of Object.entries(lock.packages)) for (const i of p.imports) byImport.set(i, key);
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string, via: string) => {
    if (seen.has(key)) return;
    const entry = lock.packages[key];
    if (!entry) throw new MirrorError(`${via} depends on ${key}, which the lock file does not list`);
    seen.add(key);
    for (const dep of entry.depends) visit(dep, entry.name);
    order.push(key);
  };
  for (const name of names) {
    const key = lock.packages[normalize(name)] ? normalize(name) : lock.packages[name] ? name : byImport.get(name);
    if (!key) throw new MirrorError(`no package named ${JSON.stringify(name)} in the index's lock file`);
    visit(key, name);
  }
  return order;
}

async function readLock(lock: MirrorOptions["lock"], timeoutMs: number): Promise<Lockfile> {
  const text =
    "path" in lock ? await readFile(lock.path, "utf8") : new TextDecoder().decode(await download(lock.url, timeoutMs));
  const parsed = JSON.parse(text) as Lockfile;
  if (!parsed?.packages || !parsed.info)
    throw new MirrorError(`${"path" in lock ? lock.path : lock.url} is not a pyodide-lock.json`);
  return parsed;
}

async function download(url: string, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    // undici hides the reason in cause (ECONNREFUSED, ENOTFOUND…), sometimes in an AggregateError.
    const cause = (e as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
    const detail = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message;
    const why =
      e instanceof Error && e.name === "TimeoutError"
        ? `no answer within ${timeoutMs / 1000} s`
        : (detail ?? (e instanceof Error ? e.message : String(e)));
    throw new MirrorError(`${url}: ${why}`);
  }
  if (!response.ok) throw new MirrorError(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
