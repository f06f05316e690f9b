// The database the app uses: the one in DATABASE_URL, or else an embedded PostgreSQL in the data
// directory. Shared by `npm start` and the migration CLI so both pick the same server.
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../db/embedded-postgres";
import { embeddedPgPort, postgresDir } from "./data-dir";

export interface AppDatabase {
  url: string;
  /** Set when we started (or took over) the embedded server, which stop() then shuts down. */
  embedded: EmbeddedPostgres | null;
  stop(): Promise<void>;
}

export async function openAppDatabase(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<AppDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null, stop: async () => {} };
  const embedded = await startEmbeddedPostgres({ dataDir: postgresDir(dataDir), port: embeddedPgPort(env) });
  return { url: embedded.url, embedded, stop: () => embedded.stop() };
}

/** One status line about the embedded server, e.g. for npm start's output. */
export function describeEmbedded(db: EmbeddedPostgres, dataDir: string): string {
  const { initdbMs, startMs } = db.timings;
  const how = db.adopted ? "took over the server left running by an earlier run" : "started";
  const init = db.initialised ? `initialised ${dataDir} in ${(initdbMs / 1000).toFixed(2)} s, ` : "";
  return `embedded PostgreSQL 18: ${init}${how} on port ${db.params.port} in ${(startMs / 1000).toFixed(2)} s`;
}
