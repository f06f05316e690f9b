// Small builders so a scenario reads like the conversation it scripts.
import type {
  ApiErrorType,
  HttpErrorScript,
  ReplyScript,
  ScenarioContext,
  ScriptedBlock,
  StreamOptions,
} from "./types";

/** The agent's one tool. */
export const RUN_PYTHON = "run_python";

export const text = (t: string): ScriptedBlock => ({ type: "text", text: t });

/** A progress note between tool calls: a thinking block on thinking models, text on the others. */
export const note = (t: string): ScriptedBlock => ({ type: "note", text: t });

/** The model's own thinking: sent only when thinking is on. */
export const thinking = (t: string): ScriptedBlock => ({ type: "thinking", thinking: t });

export const runPython = (code: string): ScriptedBlock => ({ type: "tool_use", name: RUN_PYTHON, input: { code } });

/**
 * A final answer: text only, end_turn. `thought` is the thinking text thinking models put before
 * it (shown with display "summarized"); a generic one is used when absent.
 */
export function finalText(t: string, stream?: StreamOptions, thought?: string): ReplyScript {
  return { kind: "reply", content: [text(t)], stopReason: "end_turn", stream, thinking: thought };
}

/**
 * An optional progress note, then one run_python call; stop_reason tool_use. The note is text on
 * models not thinking and the answer's thinking block on thinking models.
 */
export function callPython(code: string, preface?: string, stream?: StreamOptions): ReplyScript {
  const content = preface ? [note(preface), runPython(code)] : [runPython(code)];
  return { kind: "reply", content, stopReason: "tool_use", stream };
}

export function httpError(
  status: number,
  errorType: ApiErrorType,
  message: string,
  extra: Partial<HttpErrorScript> = {},
): HttpErrorScript {
  return { kind: "http-error", status, errorType, message, ...extra };
}

/** Numeric marker parameter (`[scenario:x delay=50]`) with a fallback. */
export function numParam(ctx: ScenarioContext, name: string, fallback: number): number {
  const raw = ctx.params[name];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/**
 * Marker parameters every scenario honours, applied on top of its own stream options:
 * `delay` (ms per delta), `chunk` (text chars per delta), `json-chunk` (JSON chars per delta).
 */
export function withMarkerStreamOptions(ctx: ScenarioContext, script: ReplyScript): ReplyScript {
  const stream: StreamOptions = { ...script.stream };
  if (ctx.params.delay !== undefined) stream.deltaDelayMs = numParam(ctx, "delay", 0);
  if (ctx.params.chunk !== undefined) stream.textChunkChars = Math.max(1, numParam(ctx, "chunk", 16));
  if (ctx.params["json-chunk"] !== undefined) stream.jsonChunkChars = Math.max(1, numParam(ctx, "json-chunk", 20));
  return { ...script, stream };
}

/** A tiny PNG drawn in pure Python (zlib + struct) and shown with display(), so no matplotlib is needed. */
export const SHOW_PNG_CODE = `import struct, zlib

def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

class Png:
    def __init__(self, width, height):
        rows = b"".join(b"\\x00" + bytes([200, 30, 30]) * width for _ in range(height))
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
        self.data = b"\\x89PNG\\r\\n\\x1a\\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")

    def _repr_png_(self):
        return self.data

display(Png(32, 32))
print("figure shown")`;

/**
 * PyBench-style file work with the standard library only: reads data/sales.csv (columns region,
 * sales), writes output/summary.csv (rows, total) and a 40×20 blue PNG to output/chart.png.
 */
export const FILES_TASK_CODE = `import csv, os, struct, zlib
os.makedirs("output", exist_ok=True)
with open("data/sales.csv", newline="") as f:
    rows = list(csv.DictReader(f))
total = sum(float(r["sales"]) for r in rows)
with open("output/summary.csv", "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["rows", "total"])
    out.writerow([len(rows), total])

def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

w, h = 40, 20
pixels = b"".join(b"\\x00" + bytes([30, 90, 200]) * w for _ in range(h))
png = (b"\\x89PNG\\r\\n\\x1a\\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
       + _chunk(b"IDAT", zlib.compress(pixels)) + _chunk(b"IEND", b""))
with open("output/chart.png", "wb") as f:
    f.write(png)
print(f"rows={len(rows)} total={total}")`;
