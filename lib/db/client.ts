// The one place that constructs PrismaClient. Built on first use, not on import, so `next build`
// (which evaluates route modules) works without DATABASE_URL; kept on globalThis because dev
// reloads and Next's separate server layers would otherwise each open their own pool.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { withTextCodec } from "./codec-adapter";
import { PrismaClient, type Prisma } from "./generated/client";
import { decodeDeep, decodeText, encodeText, JsonParam, jsonParam } from "./text-codec";

export type Db = PrismaClient;
/** The client inside db.$transaction(async (tx) => …). */
export type Tx = Prisma.TransactionClient;

const cache = globalThis as { __pylotDb?: PrismaClient; __pylotPool?: pg.Pool };

/**
 * The connection pool Prisma runs on, for the hot-path statements: a raw query through Prisma
 * costs far more client work than through pg (docs/adr/0001-sql-functions-on-the-hot-path.md).
 */
export function getPool(): pg.Pool {
  getDb();
  return cache.__pylotPool!;
}

export function getDb(): PrismaClient {
  if (cache.__pylotDb) return cache.__pylotDb;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      "DATABASE_URL is not set. Start Pylot with `npm start` (which provides it) or set it to a PostgreSQL URL.",
    );
  }
  // A bigger pool than pg's default 10, and a longer wait for a transaction slot than Prisma's
  // 2 s: under a burst of agent runs, requests queue instead of failing.
  const max = Number(process.env.PYLOT_DB_POOL_SIZE ?? 20);
  // No connectionTimeoutMillis: a query waits for a connection in the pool's FIFO queue as long as
  // it takes, so a burst is served in order rather than refused.
  cache.__pylotPool = new pg.Pool({ connectionString, max });
  cache.__pylotDb = new PrismaClient({
    // The codec on every Prisma query: NUL and lone surrogates survive PostgreSQL (text-codec.ts).
    adapter: withTextCodec(new PrismaPg(cache.__pylotPool)),
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
  return cache.__pylotDb;
}

// text, varchar, bpchar, name and text[]: the string columns the codec decodes. json/jsonb come
// parsed (decoded deeply); other strings (records as JSON text) are decoded by whoever parses them.
const TEXT_OIDS = new Set([25, 1043, 1042, 19]);
const TEXT_ARRAY_OIDS = new Set([1009, 1015]);
const JSON_OIDS = new Set([114, 3802]);

function encodePoolValue(value: unknown): unknown {
  if (typeof value === "string") return encodeText(value);
  if (Array.isArray(value)) return value.map(encodePoolValue);
  if (value === null || typeof value !== "object" || value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (value instanceof JsonParam) return value;
  return jsonParam(value);
}

/**
 * A query on the pool with the storage codec applied (text-codec.ts), for the hot-path statements
 * that bypass Prisma. String parameters are encoded as text: jsonb parameters must be given as
 * objects or as jsonParam(value), never as JSON.stringify(value).
 */
export async function poolQuery<R extends pg.QueryResultRow>(config: {
  name?: string;
  text: string;
  values?: unknown[];
}): Promise<pg.QueryResult<R>> {
  const result = await getPool().query<R>({ ...config, values: config.values?.map(encodePoolValue) });
  for (const field of result.fields) {
    const oid = field.dataTypeID;
    const decode = JSON_OIDS.has(oid)
      ? decodeDeep
      : TEXT_OIDS.has(oid)
        ? (v: unknown) => (typeof v === "string" ? decodeText(v) : v)
        : TEXT_ARRAY_OIDS.has(oid)
          ? (v: unknown) => (Array.isArray(v) ? v.map((s) => (typeof s === "string" ? decodeText(s) : s)) : v)
          : null;
    if (!decode) continue;
    for (const row of result.rows as Record<string, unknown>[]) row[field.name] = decode(row[field.name]);
  }
  return result;
}

/** Lazily resolves to getDb(), so modules can `import { db }` at top level. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client) as unknown;
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** For tests and scripts that must release the pool before exiting. */
export async function disconnectDb(): Promise<void> {
  const client = cache.__pylotDb;
  const pool = cache.__pylotPool;
  cache.__pylotDb = undefined;
  cache.__pylotPool = undefined;
  await client?.$disconnect();
  await pool?.end();
}

/**
 * Readiness: one `SELECT 1` on its own short-lived connection (not the pool, whose queue may be
 * long under load), given up after `timeoutMs`. Resolves true when the database answered.
 */
export async function pingDatabase(timeoutMs: number): Promise<boolean> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) return false;
  const client = new pg.Client({
    connectionString,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const attempt = (async () => {
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch {
      return false;
    }
  })();
  try {
    return await Promise.race([attempt, expired]);
  } finally {
    clearTimeout(timer);
    void attempt.finally(() => client.end().catch(() => undefined));
  }
}
