// Builds the app (`npm run build`) when there is no production build or a source is newer than it.
// Cheap when up to date: one walk of the source trees comparing mtimes with .next/BUILD_ID,
// stopping at the first newer file. Used by `npm start` and before the e2e tests.
//   tsx scripts/ensure-build.ts        (exit code of the build, 0 when nothing to do)
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SERVER_BUNDLE } from "./runtime/server-command";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What goes into `next build` (public/ is served as is, so it is not here). */
const SOURCES = [
  "app",
  "components",
  "lib",
  "scripts/assets",
  "scripts/server.ts",
  "scripts/build-server.ts",
  "proxy.ts",
  "middleware.ts",
  "instrumentation.ts",
  "next.config.js",
  "next.config.mjs",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
// Regenerated from the schema by every install and build, so its mtime says nothing.
const SKIP = new Set(["node_modules", ".next", "__tests__", path.join("lib", "db", "generated")]);

export type BuildState = { needed: false } | { needed: true; reason: string };

export function buildState(root = ROOT): BuildState {
  let built: number;
  try {
    built = statSync(path.join(root, ".next", "BUILD_ID")).mtimeMs;
  } catch {
    return { needed: true, reason: "no production build yet" };
  }
  try {
    if (statSync(SERVER_BUNDLE).mtimeMs < built)
      return { needed: true, reason: "the server bundle is older than the build" };
  } catch {
    return { needed: true, reason: "no server bundle yet" };
  }
  for (const source of SOURCES) {
    const newer = findNewer(root, source, built);
    if (newer) return { needed: true, reason: `${newer} changed since the last build` };
  }
  return { needed: false };
}

function findNewer(root: string, rel: string, than: number): string | null {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path.join(root, rel));
  } catch {
    return null;
  }
  if (!st.isDirectory()) return st.mtimeMs > than ? rel : null;
  // A deleted or renamed file shows up as a newer directory mtime.
  if (st.mtimeMs > than) return `${rel}/`;
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (SKIP.has(entry.name) || SKIP.has(child)) continue;
    if (!entry.isDirectory() && !entry.isFile()) continue;
    const found = findNewer(root, child, than);
    if (found) return found;
  }
  return null;
}

/** Runs `npm run build` if needed; resolves to what happened. */
export async function ensureBuild(
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<{ built: boolean; reason?: string; ms: number }> {
  const t0 = performance.now();
  const state = buildState();
  if (!state.needed) return { built: false, ms: performance.now() - t0 };
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn("npm", ["run", "build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
      ...(signal ? { signal, killSignal: "SIGTERM" as const } : {}),
    });
    child.once("error", (err) => (err.name === "AbortError" ? resolve(143) : reject(err)));
    child.once("exit", (c, sig) => resolve(c ?? (sig === "SIGINT" ? 130 : 143)));
  });
  if (code !== 0) throw Object.assign(new Error(`npm run build failed (exit ${code}).`), { exitCode: code });
  return { built: true, reason: state.reason, ms: performance.now() - t0 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const state = buildState();
  console.log(
    state.needed
      ? `ensure-build: ${state.reason}; running npm run build`
      : "ensure-build: the production build is up to date",
  );
  ensureBuild().then(
    (r) => {
      if (r.built) console.log(`ensure-build: built in ${(r.ms / 1000).toFixed(1)} s`);
      process.exit(0);
    },
    (err: Error & { exitCode?: number }) => {
      console.error(`ensure-build: ${err.message}`);
      process.exit(err.exitCode ?? 1);
    },
  );
}
