// The storage codec, property-style: random strings full of what PostgreSQL refuses (NUL, lone
// surrogates) and of the codec's own escape character survive encode → decode exactly, and the
// encoded form never contains what PostgreSQL refuses.
import { describe, expect, it } from "vitest";
import {
  decodeDeep,
  decodeJsonText,
  decodeText,
  encodeDeep,
  encodeJsonText,
  encodeText,
  ESC,
  jsonParam,
} from "../text-codec";

// A tiny seeded generator: the same cases on every run, so a failure reproduces.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = [
  "\0",
  ESC,
  "\uD800",
  "\uDBFF",
  "\uDC00",
  "\uDFFF",
  "😀",
  "a",
  "0",
  "f",
  "d",
  "\\",
  '"',
  "u",
  "é",
  "\n",
];

function randomString(next: () => number): string {
  const len = Math.floor(next() * 24);
  let s = "";
  for (let i = 0; i < len; i++) {
    s +=
      next() < 0.8 ? ALPHABET[Math.floor(next() * ALPHABET.length)] : String.fromCharCode(Math.floor(next() * 0x10000));
  }
  return s;
}

const REFUSED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]);
  return [];
}

describe("text codec", () => {
  it("round-trips random strings and never emits NUL or a lone surrogate", () => {
    const next = rng(15);
    for (let i = 0; i < 5000; i++) {
      const s = randomString(next);
      const encoded = encodeText(s);
      expect(REFUSED.test(encoded)).toBe(false);
      expect(decodeText(encoded)).toBe(s);
    }
  });

  it("leaves ordinary text unchanged, emoji and backslashes included", () => {
    for (const s of ["", "hello", "data/input.csv", "😀 \\u0000 literal", "é\n\t", "0000fdd0"]) {
      expect(encodeText(s)).toBe(s);
      expect(decodeText(s)).toBe(s);
    }
  });

  it("encodes NUL, the escape character and lone surrogates as ESC + 4 hex digits", () => {
    expect(encodeText("a\0b")).toBe(`a${ESC}0000b`);
    expect(encodeText(ESC)).toBe(`${ESC}fdd0`);
    expect(encodeText("\uD800x")).toBe(`${ESC}d800x`);
    expect(encodeText(`${ESC}0000`)).toBe(`${ESC}fdd00000`);
    expect(decodeText(`${ESC}fdd00000`)).toBe(`${ESC}0000`);
  });

  it("round-trips JSON values deeply, object keys included", () => {
    const next = rng(7);
    for (let i = 0; i < 500; i++) {
      const key = randomString(next);
      const value = {
        [key]: [randomString(next), { [randomString(next)]: randomString(next), n: 1.5, b: true, z: null }],
      };
      const encoded = encodeDeep(value);
      const text = JSON.stringify(encoded);
      // No raw or escaped NUL or lone surrogate anywhere, keys included (what jsonb refuses).
      expect(strings(JSON.parse(text)).some((t) => REFUSED.test(t))).toBe(false);
      expect(decodeDeep(encoded)).toEqual(value);
      // What jsonb hands back is JSON text; decoding the text gives the same value.
      expect(JSON.parse(decodeJsonText(text))).toEqual(value);
      // JSON text from JSON.stringify, encoded as text, decodes to the value too.
      expect(JSON.parse(decodeJsonText(encodeJsonText(JSON.stringify(value))))).toEqual(value);
      expect(JSON.parse(decodeJsonText(jsonParam(value).json))).toEqual(value);
    }
  });

  it("leaves non-text values alone", () => {
    const date = new Date(0);
    const bytes = new Uint8Array([0, 1]);
    expect(encodeDeep({ date, bytes, n: 3 })).toEqual({ date, bytes, n: 3 });
    expect(encodeDeep({ date }).date).toBe(date);
  });
});
