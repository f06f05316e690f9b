// How the production server is started (npm start, the test and benchmark stack): Node with the
// server's flags, tsx for TypeScript, scripts/server.ts. PORT and HOSTNAME go in its environment.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serverNodeFlags } from "./server-node-flags";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function productionServerArgs(env: Record<string, string | undefined> = process.env): string[] {
  return [...serverNodeFlags(env), "--import", "tsx", path.join(ROOT, "scripts/server.ts")];
}
