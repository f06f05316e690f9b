// A whole Pylot stack for tests and benchmarks: embedded PostgreSQL in a fresh temporary
// directory, migrations applied, and the production Next server. One call up, one call down.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { migrateDeploy } from "../db/migrate";
import { freePort } from "./free-port";
import { otherServerRoot, startServer, type RunningServer } from "./next-server";

export interface Stack {
  url: string;
  databaseUrl: string;
  secret: string;
  dataDir: string;
  server: RunningServer;
  /** Stops PostgreSQL under the running server (an outage), and starts it again on the same data. */
  database: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

export async function startStack(opts: { port: number; secret: string; env?: Record<string, string> }): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pylot-stack-"));
  const pgPort = await freePort();
  const pgDir = path.join(dataDir, "postgres");
  let pg = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort });
  try {
    // Another checkout's server (PYLOT_SERVER_ROOT) gets the schema its own migrations make.
    const root = otherServerRoot();
    await migrateDeploy(
      pg.url,
      root
        ? {
            migrationsDir: path.join(root, "prisma", "migrations"),
            schemaPath: path.join(root, "prisma", "schema.prisma"),
          }
        : {},
    );
    // Tests and benchmarks make every browser context a new owner from 127.0.0.1: no mint limit.
    const env = { DATABASE_URL: pg.url, PYLOT_SECRET: opts.secret, PYLOT_OWNER_MINTS_PER_HOUR: "0", ...opts.env };
    const server = await startServer(opts.port, env);
    return {
      url: server.url,
      databaseUrl: pg.url,
      secret: opts.secret,
      dataDir,
      server,
      database: {
        stop: () => pg.stop(),
        async start() {
          pg = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort });
        },
      },
      async stop() {
        await server.stop();
        await pg.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
