// The pg driver adapter as the schema engine needs it. @prisma/adapter-pg 7.10 is written for the
// query engine; under the schema engine four of its behaviours break migrations (each reproduced):
//  1. OID 18 ("char", e.g. pg_constraint.contype) has no column type mapping: introspection fails with
//     "Column type 'char' could not be deserialized". It must be reported as Character (Text panics).
//  2. executeScript splits on ";" and runs the pieces one by one: literals and $$ bodies containing
//     ";" break, and a failing migration leaves partial DDL. One query runs it atomically instead.
//  3. Its shadow database is dropped before its pool is closed ("being accessed by other users"):
//     we create ours and drop it WITH (FORCE).
//  4. A connection string would override the shadow database's name: discrete params only.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { PgParams } from "./pg-url";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** The bound factory for SchemaEngine.new, and close() to dispose whatever the engine left open. */
export function migrationAdapterFactory(params: PgParams) {
  const factory = new MigrationPgFactory(params);
  return { adapter: bindMigrationAwareSqlAdapterFactory(factory), close: () => factory.close() };
}

class MigrationPgFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  private readonly open = new Set<SqlDriverAdapter>();
  constructor(private readonly params: PgParams) {}

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(patchAdapter(await new PrismaPg({ ...this.params }).connect()));
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await adminQuery(this.params, `CREATE DATABASE "${name}"`);
    const adapter = patchAdapter(await new PrismaPg({ ...this.params, database: name }).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await adminQuery(this.params, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return this.track(adapter);
  }

  /**
   * The engine disposes its adapters when freed, but not when it fails to start or panics; an
   * adapter left open would keep its pool (and the process) alive and its shadow database around.
   */
  async close(): Promise<void> {
    await Promise.allSettled([...this.open].map((a) => a.dispose()));
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!this.open.delete(adapter)) return;
      await dispose();
    };
    return adapter;
  }
}

async function adminQuery(params: PgParams, sql: string): Promise<void> {
  const client = new pg.Client({ ...params });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

type PgInternals = SqlQueryable & {
  performIO(query: unknown): Promise<pg.QueryArrayResult>;
  underlyingDriver?(): pg.Pool;
};

function patchAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const pool = (adapter as unknown as PgInternals).underlyingDriver!();
  adapter.executeScript = async (script: string) => {
    // The simple query protocol runs a multi-statement string in one implicit transaction.
    await pool.query(script).catch((e: unknown) => (adapter as unknown as { onError(e: unknown): never }).onError(e));
  };
  patchCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => {
    const tx = await startTransaction(...args);
    patchCharColumns(tx);
    return tx;
  };
  return adapter;
}

/**
 * The adapter maps column types in a module-private function, so "char" columns are renamed to text
 * on their way in (performIO) and marked Character on their way out (queryRaw). The rows array is
 * passed through unchanged, which ties the two halves together without shared mutable state.
 */
function patchCharColumns(queryable: SqlQueryable): void {
  const q = queryable as PgInternals;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const cols = result.fields.flatMap((f, i) => (f.dataTypeID === PG_CHAR_OID ? [i] : []));
    if (cols.length === 0) return result;
    charColumns.set(result.rows, cols);
    return {
      ...result,
      fields: result.fields.map((f) => (f.dataTypeID === PG_CHAR_OID ? { ...f, dataTypeID: PG_TEXT_OID } : f)),
    };
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query): Promise<SqlResultSet> => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}
