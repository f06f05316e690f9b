// Small, deterministic building blocks for task inputs and checkers. Inputs come from a seeded
// generator (the same bytes on every machine); checkers recompute the expected result from those
// inputs in TypeScript, independently of the reference solution.
import type { CheckInput, CheckResult } from "@/lib/eval/task";

/** Python source, backslashes kept (String.raw): write py`...` for reference solutions. */
export const py = String.raw;

/** mulberry32: a tiny seeded PRNG, so generated inputs never change. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    /** A number with `dp` decimals in [lo, hi). */
    num: (lo: number, hi: number, dp = 2) => Number((lo + next() * (hi - lo)).toFixed(dp)),
    normal: (mean: number, sd: number) => {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const enc = (s: string) => encoder.encode(s);
export const dec = (b: Uint8Array) => decoder.decode(b);

export function files(entries: Record<string, string | Uint8Array>): Map<string, Uint8Array> {
  return new Map(Object.entries(entries).map(([k, v]) => [k, typeof v === "string" ? enc(v) : v]));
}

/** RFC 4180-ish: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `${rows
    .map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(","))
    .join("\n")}\n`;
}

/** CSV rows as records keyed by the header; header names trimmed and lowercased. */
export function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const keys = header.map((h) => h.trim().toLowerCase());
  return rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? "").trim()])));
}

export const ok = (reason: string): CheckResult => ({ pass: true, reason });
export const fail = (reason: string): CheckResult => ({ pass: false, reason });

export function near(a: number, b: number, tol: number): boolean {
  return Number.isFinite(a) && Math.abs(a - b) <= tol;
}

/** Every number written in a text ("1,234.5", "-3", "2.5e3"), in order. */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(/-?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?|-?\.\d+/g)].map((m) =>
    Number(m[0].replace(/,(?=\d{3}\b)/g, "").replace(/,/g, "")),
  );
}

/** The final answer states `expected` (within tol). */
export function answerHas(input: CheckInput, expected: number, tol = 0): CheckResult | null {
  if (numbersIn(input.finalText).some((n) => near(n, expected, tol))) return null;
  return fail(
    `the final answer does not state ${expected}${tol ? ` (±${tol})` : ""}: "${input.finalText.slice(0, 200)}"`,
  );
}

/** The final answer names `word` (case-insensitive, whole word). */
export function answerNames(input: CheckInput, word: string): CheckResult | null {
  const re = new RegExp(`(^|[^\\w])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\w]|$)`, "i");
  return re.test(input.finalText)
    ? null
    : fail(`the final answer does not name "${word}": "${input.finalText.slice(0, 200)}"`);
}

/** An output file as text, or a failure saying it is missing. */
export function outputText(input: CheckInput, path: string): string | CheckResult {
  const data = input.outputs.get(path);
  return data
    ? dec(data)
    : fail(`${path} was not written (outputs: ${[...input.outputs.keys()].join(", ") || "none"})`);
}

export function inputText(input: CheckInput, path: string): string {
  const data = input.inputs.get(path);
  if (!data) throw new Error(`task input ${path} is missing`);
  return dec(data);
}

export const isFailure = (x: unknown): x is CheckResult => typeof x === "object" && x !== null && "pass" in x;

export function round(n: number, dp: number): number {
  const f = 10 ** dp;
  return Math.round(n * f) / f;
}
