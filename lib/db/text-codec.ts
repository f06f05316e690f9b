// The storage boundary's text encoding. PostgreSQL refuses NUL in text and jsonb (22P05), jsonb
// refuses lone surrogates, and a lone surrogate in text is silently replaced on its way to UTF-8.
// Python prints all of these, so every string going into the database is encoded here and every
// string coming out is decoded: the share page, export and the agent read back exactly what was
// written. The escape character is U+FDD0, a Unicode noncharacter (reserved for internal use):
//   NUL → ESC "0000", ESC → ESC "fdd0", lone surrogate U+D8xx → ESC "d8xx".
// Every other string is stored unchanged, so ids, paths and plain text are what they look like in SQL.
import "server-only";

export const ESC = "\uFDD0";

const NEEDS_ENCODING = /\0|\uFDD0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NEEDS_ENCODING_ALL = new RegExp(NEEDS_ENCODING.source, "g");
const ENCODED = /\uFDD0([0-9a-f]{4})/g;

const hex4 = (unit: number): string => unit.toString(16).padStart(4, "0");

export function encodeText(s: string): string {
  if (!NEEDS_ENCODING.test(s)) return s;
  return s.replace(NEEDS_ENCODING_ALL, (c) => ESC + hex4(c.charCodeAt(0)));
}

export function decodeText(s: string): string {
  if (!s.includes(ESC)) return s;
  return s.replace(ENCODED, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

function mapStrings(value: unknown, f: (s: string) => string, depth = 0): unknown {
  if (typeof value === "string") return f(value);
  if (value === null || typeof value !== "object") return value;
  // A guard, not a limit of the data: route schemas already bound nesting far below this.
  if (depth > 10_000) throw new RangeError("Value nested too deeply to store.");
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  // Dates, Buffers, Uint8Arrays, Decimals: not text.
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[f(k)] = mapStrings(v, f, depth + 1);
  return out;
}

/** Encodes every string in a JSON-like value, object keys included. */
export function encodeDeep<T>(value: T): T {
  return mapStrings(value, encodeText) as T;
}

/** Decodes every string in a JSON-like value, object keys included. */
export function decodeDeep<T>(value: T): T {
  return mapStrings(value, decodeText) as T;
}

// JSON text whose strings may carry what jsonb refuses: an escaped NUL or lone surrogate, a raw
// lone surrogate, or the escape character itself.
const JSON_NEEDS_ENCODING =
  /\\u0000|\\u[dD][89a-fA-F]|\uFDD0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** JSON text on its way into a json/jsonb parameter. */
export function encodeJsonText(json: string): string {
  if (!JSON_NEEDS_ENCODING.test(json)) return json;
  return JSON.stringify(encodeDeep(JSON.parse(json) as unknown));
}

/** JSON text read from a json/jsonb column: escapes only occur inside its strings. */
export function decodeJsonText(json: string): string {
  if (!json.includes(ESC)) return json;
  return json.replace(ENCODED, (_, h: string) => `\\u${h}`);
}

/** Encoded JSON text for a jsonb parameter; pg sends toPostgres()'s result as it is. */
export class JsonParam {
  constructor(readonly json: string) {}
  toPostgres(): string {
    return this.json;
  }
}

/** A value for a jsonb parameter of a raw pg query (instead of JSON.stringify). */
export function jsonParam(value: unknown): JsonParam {
  return new JsonParam(JSON.stringify(encodeDeep(value)));
}
