// Offline replacement for `prisma migrate` (whose native engine cannot be downloaded here).
//   tsx scripts/db/migrate.ts deploy | status | diff | dev --name <name> [--create-only] [--force-reset]
// Uses DATABASE_URL, or else the embedded PostgreSQL in PYLOT_DATA_DIR (started and stopped here).
// As a library: import { migrateDeploy } — it never exits the process.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { describeEmbedded, openAppDatabase, type AppDatabase } from "../runtime/database";
import { postgresDir, resolveDataDir } from "../runtime/data-dir";
import { loadDotEnv } from "../runtime/dot-env";
import { migrateDeploy, migrateDev, migrateDiff, migrateStatus } from "./migrate-commands";

export { migrateDeploy, migrateDev, migrateDiff, migrateStatus, type DbTarget } from "./migrate-commands";

const USAGE =
  "usage: tsx scripts/db/migrate.ts deploy | status | diff | dev --name <name> [--create-only] [--force-reset]";

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" }, "create-only": { type: "boolean" }, "force-reset": { type: "boolean" } },
  });
  const command = positionals[0];
  if (!command || !["deploy", "status", "diff", "dev"].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const name = values.name ?? positionals[1];
  if (command === "dev" && !name) {
    console.error(`dev needs a migration name.\n${USAGE}`);
    return 2;
  }

  loadDotEnv();
  const dataDir = process.env.DATABASE_URL ? "" : resolveDataDir();
  const db = await openAppDatabase(dataDir);
  if (db.embedded) console.error(describeEmbedded(db.embedded, path.relative(process.cwd(), postgresDir(dataDir))));
  stopOnSignal(db);
  try {
    const t0 = performance.now();
    const took = () => `${Math.round(performance.now() - t0)} ms`;
    switch (command) {
      case "deploy": {
        const { applied } = await migrateDeploy(db.url);
        console.log(
          applied.length
            ? `Applied ${applied.length} migration(s) in ${took()}: ${applied.join(", ")}`
            : `No pending migrations (${took()}).`,
        );
        return 0;
      }
      case "status":
        return printStatus(await migrateStatus(db.url));
      case "diff": {
        const { script, changed } = await migrateDiff(db.url);
        process.stdout.write(changed ? script : "-- The schema matches the migrations.\n");
        return changed ? 2 : 0;
      }
      default: {
        const r = await migrateDev(db.url, {
          name: name!,
          createOnly: values["create-only"],
          forceReset: values["force-reset"],
        });
        if (r.applied.length) console.log(`Applied: ${r.applied.join(", ")}`);
        console.log(
          r.created
            ? `Created ${r.created} (${took()})`
            : `The schema matches the migrations; nothing to create (${took()}).`,
        );
        return 0;
      }
    }
  } finally {
    await db.stop();
  }
}

function printStatus(s: Awaited<ReturnType<typeof migrateStatus>>): number {
  console.log(`${s.migrations.length} migration(s) in prisma/migrations.`);
  if (!s.hasMigrationsTable) console.log("The database has no _prisma_migrations table yet.");
  for (const m of s.failedMigrationNames) console.log(`Failed migration: ${m}`);
  for (const m of s.editedMigrationNames) console.log(`Edited after it was applied: ${m}`);
  const h = s.history;
  if (h?.diagnostic === "databaseIsBehind")
    console.log(`Not yet applied: ${h.unappliedMigrationNames.join(", ")}  (npm run db:migrate)`);
  if (h?.diagnostic === "migrationsDirectoryIsBehind")
    console.log(`Applied but missing locally: ${h.unpersistedMigrationNames.join(", ")}`);
  if (h?.diagnostic === "historiesDiverge") {
    console.log(
      `Histories diverge after ${h.lastCommonMigrationName ?? "the start"}: not applied ${h.unappliedMigrationNames.join(", ") || "-"}; missing locally ${h.unpersistedMigrationNames.join(", ") || "-"}`,
    );
  }
  if (s.inSync) console.log("Database schema is up to date!");
  return s.inSync ? 0 : 1;
}

function stopOnSignal(db: AppDatabase): void {
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => void db.stop().finally(() => process.exit(sig === "SIGINT" ? 130 : 143)));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    // Explicit exit: idle pg pools would otherwise keep the process alive for ~10 s.
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
