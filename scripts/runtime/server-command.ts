// How the production server is started (npm start, the test and benchmark stack): Node with the
// server's flags, running scripts/server.ts as bundled by `npm run build` (scripts/build-server.ts).
// PORT and HOSTNAME go in its environment.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serverNodeFlags } from "./server-node-flags";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SERVER_BUNDLE = path.join(ROOT, ".next", "pylot-server.mjs");

export function productionServerArgs(env: Record<string, string | undefined> = process.env): string[] {
  return [...serverNodeFlags(env), "--enable-source-maps", SERVER_BUNDLE];
}
