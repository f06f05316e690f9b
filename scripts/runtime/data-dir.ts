// Where Pylot keeps its local state: the embedded PostgreSQL cluster and the generated secret.
import { mkdirSync } from "node:fs";
import path from "node:path";

export const DEFAULT_PG_PORT = 54329;

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = path.resolve(env.PYLOT_DATA_DIR || ".pylot-data");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function postgresDir(dataDir: string): string {
  return path.join(dataDir, "postgres");
}

export function embeddedPgPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PYLOT_PG_PORT;
  if (!raw) return DEFAULT_PG_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PYLOT_PG_PORT must be a port number (got "${raw}").`);
  return port;
}
