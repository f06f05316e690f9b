// Prisma migrate's commands (deploy, status, dev, diff) on the wasm schema engine, as a library:
// no process.exit, no printing; every call frees its engine and ends its pools before returning.
import type { DiagnoseMigrationHistoryOutput } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { migrationAdapterFactory } from "./migration-adapter";
import { MIGRATIONS_DIR, readMigrationsList, readSchema, SCHEMA_PATH, writeMigration } from "./migrations-dir";
import { parsePgUrl, type PgParams } from "./pg-url";
import { openSchemaEngine, takePanicMessage, type SchemaEngine } from "./schema-engine";

/** A database URL or discrete parameters. */
export type DbTarget = string | PgParams;

export interface MigrateOptions {
  migrationsDir?: string;
  schemaPath?: string;
}

const filters = { externalTables: [], externalEnums: [] };

export async function migrateDeploy(target: DbTarget, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  return withEngine(target, opts, async (engine, dir) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrationsList(dir), filters });
    return { applied: out.appliedMigrationNames };
  });
}

export interface MigrationStatus extends DiagnoseMigrationHistoryOutput {
  migrations: string[];
  inSync: boolean;
}

export async function migrateStatus(target: DbTarget, opts: MigrateOptions = {}): Promise<MigrationStatus> {
  return withEngine(target, opts, async (engine, dir) => {
    const migrationsList = readMigrationsList(dir);
    const out = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters });
    const inSync =
      out.history === null && out.failedMigrationNames.length === 0 && out.editedMigrationNames.length === 0;
    return { ...out, migrations: migrationsList.migrationDirectories.map((d) => d.path), inSync };
  });
}

export interface DevResult {
  applied: string[];
  /** Path of the new migration.sql, or null when the schema already matches the migrations. */
  created: string | null;
}

/**
 * Like `prisma migrate dev --name`: apply pending migrations, write a migration for the schema's
 * changes, apply it (unless createOnly). Drift or edited migrations need a reset, which is only done
 * when asked (forceReset) because it drops every table.
 */
export async function migrateDev(
  target: DbTarget,
  args: { name: string; createOnly?: boolean; forceReset?: boolean },
  opts: MigrateOptions = {},
): Promise<DevResult> {
  return withEngine(target, opts, async (engine, dir, schema) => {
    const diagnostic = await engine.devDiagnostic({ migrationsList: readMigrationsList(dir), filters });
    if (diagnostic.action.tag === "reset") {
      if (!args.forceReset)
        throw new Error(
          `The database needs a reset: ${diagnostic.action.reason}\nRerun with --force-reset to drop all data.`,
        );
      await engine.reset({ filter: filters });
    }
    const applied = (await engine.applyMigrations({ migrationsList: readMigrationsList(dir), filters }))
      .appliedMigrationNames;
    const out = await engine.createMigration({
      draft: args.createOnly ?? false,
      migrationName: args.name,
      migrationsList: readMigrationsList(dir),
      schema: { files: [schema] },
      filters,
    });
    if (out.migrationScript === null) return { applied, created: null };
    const created = writeMigration(dir, out.generatedMigrationName, out.migrationScript, out.connectorType);
    if (!args.createOnly) {
      applied.push(
        ...(await engine.applyMigrations({ migrationsList: readMigrationsList(dir), filters })).appliedMigrationNames,
      );
    }
    return { applied, created };
  });
}

/** SQL that takes a database built from the migrations to the schema; empty when they agree. */
export async function migrateDiff(
  target: DbTarget,
  opts: MigrateOptions = {},
): Promise<{ script: string; changed: boolean }> {
  return withEngine(target, opts, async (engine, dir, schema) => {
    const out = await engine.diff({
      from: { tag: "migrations", ...readMigrationsList(dir) },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters,
    });
    return { script: out.stdout ?? "", changed: out.exitCode === 2 };
  });
}

async function withEngine<T>(
  target: DbTarget,
  opts: MigrateOptions,
  run: (engine: SchemaEngine, migrationsDir: string, schema: { path: string; content: string }) => Promise<T>,
): Promise<T> {
  const params = typeof target === "string" ? parsePgUrl(target) : target;
  const schema = readSchema(opts.schemaPath ?? SCHEMA_PATH);
  const { adapter, close } = migrationAdapterFactory(params);
  let engine: SchemaEngine | undefined;
  try {
    engine = await openSchemaEngine(schema, adapter);
    return await run(engine, opts.migrationsDir ?? MIGRATIONS_DIR, schema);
  } catch (err) {
    throw engineError(err);
  } finally {
    engine?.free();
    await close();
  }
}

/** The engine rejects with plain objects or panics; turn both into an Error with the message a person needs. */
function engineError(err: unknown): Error {
  const panic = takePanicMessage();
  if (panic) return new Error(`Prisma schema engine panicked: ${panic}`);
  if (err instanceof Error) return err;
  const e = err as { message?: string; error_code?: string; meta?: unknown } | null;
  if (e && typeof e.message === "string")
    return Object.assign(new Error(e.message), { code: e.error_code, meta: e.meta });
  return new Error(`Prisma schema engine failed: ${JSON.stringify(err)}`);
}
