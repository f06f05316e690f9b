// One throwaway PostgreSQL for the whole test run: a fresh cluster in a temp directory on a free
// port, migrated with the real migrations. Workers are forked after this runs and inherit
// process.env, so lib/db/client.ts finds DATABASE_URL like it does in the app; a DATABASE_URL from
// the shell is deliberately replaced, so tests never write into a developer's own database.
// PYLOT_SECRET gets a per-run random value unless set, as `npm start` would provide one.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "./scripts/db/embedded-postgres";
import { migrateDeploy } from "./scripts/db/migrate";
import { freePort } from "./scripts/harness/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pylot-vitest-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, "postgres"),
    port: await freePort(),
    durable: false,
  }).catch((err) => {
    removeDir();
    throw err;
  });
  const stop = async () => {
    await pg.stop();
    removeDir();
  };
  try {
    const t0 = performance.now();
    const { applied } = await migrateDeploy(pg.params);
    const ms = (n: number) => `${Math.round(n)} ms`;
    console.log(
      `test database ${pg.url}: initdb ${ms(pg.timings.initdbMs)}, start ${ms(pg.timings.startMs)}, ` +
        `${applied.length} migration(s) in ${ms(performance.now() - t0)}`,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  process.env.DATABASE_URL = pg.url;
  process.env.PYLOT_SECRET ||= randomBytes(32).toString("hex");
  project.provide("databaseUrl", pg.url);
  return stop;
}
