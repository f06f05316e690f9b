// For tests that drive the real production server from vitest: build it first when the build is
// missing or older than the sources (the same check as `npm start` and the e2e tests).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Long: a first build takes minutes on a 2-core machine. Use as the beforeAll hook's timeout. */
export const BUILD_TIMEOUT_MS = 20 * 60_000;

export function ensureBuilt(): void {
  const out = spawnSync("npx", ["tsx", "scripts/ensure-build.ts"], { cwd: ROOT, stdio: "inherit" });
  if (out.status !== 0) throw new Error(`the production build failed (exit ${out.status})`);
}
