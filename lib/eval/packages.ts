// Whether a task's Pyodide packages can be loaded here. Under Node they come from the directory of
// pyodide.mjs (node_modules/pyodide holds only the core) or from a package index URL given on the
// command line (a local mirror). When neither has them, the task is skipped, not failed.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

interface Lock {
  packages: Record<string, { name: string; file_name: string; depends: string[]; imports: string[] }>;
}

let lock: Lock | null = null;
function readLock(root: string): Lock {
  if (!lock) {
    const require = createRequire(join(root, "package.json"));
    lock = JSON.parse(
      readFileSync(join(dirname(require.resolve("pyodide/pyodide.mjs")), "pyodide-lock.json"), "utf8"),
    ) as Lock;
  }
  return lock;
}

/** The package and everything it depends on, by lock-file key. */
function closure(l: Lock, name: string, seen = new Set<string>()): Set<string> {
  const key = name.toLowerCase();
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of l.packages[key]?.depends ?? []) closure(l, dep, seen);
  return seen;
}

export interface PackageCheck {
  ok: boolean;
  /** Why not, e.g. "numpy: not in node_modules/pyodide and no --package-index given". */
  reason: string;
}

const cache = new Map<string, Promise<PackageCheck>>();

export function checkPackages(
  root: string,
  packages: readonly string[],
  packageIndex: string | null,
): Promise<PackageCheck> {
  const key = `${packages.join(",")}|${packageIndex}`;
  let p = cache.get(key);
  if (!p) {
    p = check(root, packages, packageIndex);
    cache.set(key, p);
  }
  return p;
}

async function check(root: string, packages: readonly string[], packageIndex: string | null): Promise<PackageCheck> {
  if (packages.length === 0) return { ok: true, reason: "" };
  const l = readLock(root);
  const require = createRequire(join(root, "package.json"));
  const local = dirname(require.resolve("pyodide/pyodide.mjs"));
  const missing: string[] = [];
  for (const name of packages) {
    if (!l.packages[name.toLowerCase()]) return { ok: false, reason: `${name} is not a Pyodide package` };
    for (const dep of closure(l, name)) {
      const file = l.packages[dep]?.file_name;
      if (!file) continue;
      if (existsSync(join(local, file))) continue;
      if (
        packageIndex &&
        (await reachable(new URL(file, packageIndex.endsWith("/") ? packageIndex : `${packageIndex}/`).href))
      )
        continue;
      missing.push(dep);
    }
  }
  if (missing.length === 0) return { ok: true, reason: "" };
  const where = packageIndex
    ? `not in node_modules/pyodide nor at ${packageIndex}`
    : "not in node_modules/pyodide and no --package-index given";
  return {
    ok: false,
    reason: `package unavailable: ${missing.slice(0, 4).join(", ")}${missing.length > 4 ? ", …" : ""} ${where}`,
  };
}

async function reachable(url: string): Promise<boolean> {
  try {
    if (url.startsWith("file:")) return existsSync(new URL(url));
    const res = await fetch(url, { method: "HEAD", signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}
