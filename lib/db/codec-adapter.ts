// Applies the text codec (text-codec.ts) to every Prisma query, in the driver adapter: the one
// place where each parameter and each result column arrives with its type, for model queries and
// $queryRaw/$executeRaw alike, inside and outside transactions.
import "server-only";
import type {
  ArgType,
  ColumnType,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { decodeJsonText, decodeText, encodeDeep, encodeJsonText, encodeText } from "./text-codec";

// ColumnTypeEnum.Json / JsonArray (driver-adapter-utils); a const import would pull its runtime in.
const JSON_COLUMN = 11;
const JSON_ARRAY_COLUMN = 75;

function encodeArg(arg: unknown, type: ArgType | undefined): unknown {
  if (Array.isArray(arg) && type?.arity === "list") return arg.map((a) => encodeArg(a, type));
  if (typeof arg === "string") {
    if (type?.scalarType === "json") return encodeJsonText(arg);
    if (type?.scalarType === "bytes" || type?.scalarType === "datetime") return arg;
    return encodeText(arg);
  }
  if (type?.scalarType === "json" && arg !== null && typeof arg === "object") return encodeDeep(arg);
  return arg;
}

function decodeValue(value: unknown, json: boolean): unknown {
  if (typeof value === "string") return json ? decodeJsonText(value) : decodeText(value);
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, json));
  return value;
}

export function encodeQuery(query: SqlQuery): SqlQuery {
  return { ...query, args: query.args.map((arg, i) => encodeArg(arg, query.argTypes[i])) };
}

export function decodeResult(result: SqlResultSet): SqlResultSet {
  const json = result.columnTypes.map((t: ColumnType) => t === JSON_COLUMN || t === JSON_ARRAY_COLUMN);
  for (const row of result.rows) {
    for (let i = 0; i < row.length; i++) row[i] = decodeValue(row[i], json[i] ?? false);
  }
  return result;
}

// Wraps the queryable in place of a subclass: adapter-pg's classes are not exported, and the
// wrapper must also reach the transactions the adapter creates.
function wrapQueryable<Q extends SqlDriverAdapter | Transaction>(inner: Q): Q {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "queryRaw") {
        return async (query: SqlQuery) => decodeResult(await target.queryRaw(encodeQuery(query)));
      }
      if (prop === "executeRaw") return (query: SqlQuery) => target.executeRaw(encodeQuery(query));
      if (prop === "startTransaction" && "startTransaction" in target) {
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) =>
          wrapQueryable(await target.startTransaction(...args));
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The factory Prisma is given: the same adapter, with the codec on every query. */
export function withTextCodec(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === "connect") return async () => wrapQueryable(await target.connect());
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
