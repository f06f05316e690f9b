// Reads a JSON body with a size limit and validates it with zod, failing as AppError (4xx).
import type { z } from "zod";
import { config, safeParse } from "zod/mini";
import en from "zod/v4/locales/en.js";
import { AppError } from "./app-error";

// English messages for zod/mini schemas too (classic sets them only once a classic schema is built),
// so a 400 reads "Too big: expected string to have <=200 characters" whichever kind validated it.
config(en());

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/**
 * Deepest nesting of arrays and objects a JSON body may have. Real notebooks and outputs stay far
 * below; a body thousands of levels deep would otherwise overflow the stack in the recursive steps
 * after parsing (validation, serialization), a RangeError and a 500.
 */
export const MAX_JSON_DEPTH = 256;

/** `schema`: a classic or a zod/mini schema (lib/ shares mini ones with the browser). */
export async function readJson<S extends z.core.$ZodType>(
  req: Request,
  schema: S,
  maxBytes = DEFAULT_BODY_LIMIT,
): Promise<z.output<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(req, maxBytes);
  assertJsonDepth(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  const parsed = safeParse(schema, value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join(".")}"` : "";
    throw new AppError("bad_request", `Invalid request${where}: ${issue?.message ?? "malformed"}.`);
  }
  return parsed.data;
}

/**
 * A JSON body as text, with the same size and depth limits, for bodies validated by their own
 * parser (.ipynb import).
 */
export async function readText(req: Request, maxBytes = DEFAULT_BODY_LIMIT): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(req, maxBytes);
  assertJsonDepth(text);
  return text;
}

/**
 * Refuses JSON text nested deeper than `max` with a 400, in one pass over the characters before
 * anything parses it (brackets inside strings do not count). Malformed text is left to the parser.
 */
export function assertJsonDepth(text: string, max = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        throw new AppError("bad_request", `The JSON body is nested more than ${max} levels deep.`);
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** Streams the body and stops as soon as it passes the limit (content-length can lie or be absent). */
async function readLimited(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The body is larger than the limit of ${maxBytes} bytes.`);
}
