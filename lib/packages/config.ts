// Where the browser loads Pyodide packages from, read from the environment on the server and
// handed to the page (the worker's init). Three kinds of source:
//   unset    the official CDN for the exact Pyodide version installed; its lock file is the
//            one Pyodide ships (served from our origin), so start-up needs no network.
//   "local"  a mirror made by `npm run pyodide:mirror`, served by this app at /pyodide-packages/.
//   a URL    any index: a folder holding pyodide-lock.json and the files it names. Another
//            origin must send CORS headers (the page is cross-origin isolated).
import path from "node:path";
import pyodidePackage from "pyodide/package.json";
import type { PackageSource } from "@/lib/kernel/protocol";

export const PYODIDE_VERSION: string = pyodidePackage.version;
export const CDN_INDEX_URL = `https://cdn.jsdelivr.net/pyodide/v${PYODIDE_VERSION}/full/`;
/** Pyodide's own lock file, copied to public/ by scripts/assets (same as the CDN's). */
export const BUNDLED_LOCK_URL = "/pyodide/pyodide-lock.json";
export const LOCAL_MIRROR_PATH = "/pyodide-packages/";
const DEFAULT_TIMEOUT_MS = 30_000;

type Env = Record<string, string | undefined>;

export class PackageConfigError extends Error {}

export function packageSourceFromEnv(env: Env = process.env): PackageSource {
  const timeoutMs = parseTimeout(env.PYLOT_PACKAGE_TIMEOUT_MS);
  const raw = env.PYLOT_PACKAGE_INDEX_URL?.trim();
  if (!raw || raw === "cdn") return { baseURL: CDN_INDEX_URL, lockFileURL: BUNDLED_LOCK_URL, timeoutMs };
  if (raw === "local")
    return { baseURL: LOCAL_MIRROR_PATH, lockFileURL: `${LOCAL_MIRROR_PATH}pyodide-lock.json`, timeoutMs };
  const base = withSlash(raw);
  if (!base.startsWith("/") && !/^https?:\/\/[^/]/i.test(base)) {
    throw new PackageConfigError(
      `PYLOT_PACKAGE_INDEX_URL must be "local", an http(s) URL or a path starting with "/"; got ${JSON.stringify(raw)}`,
    );
  }
  return { baseURL: base, lockFileURL: `${base}pyodide-lock.json`, timeoutMs };
}

/** The folder the "local" source serves (and `npm run pyodide:mirror` fills by default). */
export function mirrorDir(env: Env = process.env): string {
  return path.resolve(
    env.PYLOT_PACKAGE_MIRROR_DIR || path.join(env.PYLOT_DATA_DIR || ".pylot-data", "pyodide-packages"),
  );
}

function parseTimeout(value: string | undefined): number {
  if (!value) return DEFAULT_TIMEOUT_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100)
    throw new PackageConfigError(
      `PYLOT_PACKAGE_TIMEOUT_MS must be an integer ≥ 100 (milliseconds); got ${JSON.stringify(value)}`,
    );
  return ms;
}

const withSlash = (url: string) => (url.endsWith("/") ? url : `${url}/`);
