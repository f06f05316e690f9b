import { describe, expect, it } from "vitest";
import { codePointLabel, hasHiddenCharacters, visibleText } from "../visible-text";

describe("visibleText", () => {
  it("shows a right-to-left override instead of letting it flip the extension", () => {
    expect(visibleText("invoice\u202efdp.exe.csv")).toBe("invoice[U+202E]fdp.exe.csv");
  });

  it("escapes every bidi embedding, override and isolate", () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      expect(visibleText(`a${String.fromCodePoint(cp)}b`)).toBe(`a${codePointLabel(cp)}b`);
    }
  });

  it("escapes zero-width and other format characters", () => {
    expect(visibleText("pay\u200bpal")).toBe("pay[U+200B]pal");
    expect(visibleText("a\u200cb\u200dc\u2060d\ufeffe\u00adf")).toBe("a[U+200C]b[U+200D]c[U+2060]d[U+FEFF]e[U+00AD]f");
    // An astral format character (a tag character) is one code point, one label.
    expect(visibleText("x\u{E0041}y")).toBe("x[U+E0041]y");
  });

  it("escapes control characters, separators and look-alike spaces", () => {
    expect(visibleText("a\u0000b\tc\nd\u007fe\u0085f")).toBe("a[U+0000]b[U+0009]c[U+000A]d[U+007F]e[U+0085]f");
    expect(visibleText("a\u2028b\u2029c")).toBe("a[U+2028]b[U+2029]c");
    expect(visibleText("a\u00a0b\u3000c\u2009d")).toBe("a[U+00A0]b[U+3000]c[U+2009]d");
    expect(visibleText("\u3164")).toBe("[U+3164]");
  });

  it("escapes lone surrogates but keeps pairs", () => {
    expect(visibleText("a\ud800b")).toBe("a[U+D800]b");
    expect(visibleText("a\udc00")).toBe("a[U+DC00]");
    expect(visibleText("\ud83d\ude00")).toBe("😀");
  });

  it("leaves ordinary names alone, in any script, with emoji sequences whole", () => {
    for (const name of [
      "data/sales 2024.csv",
      "données-été.csv",
      "مرحبا.txt",
      "שלום",
      "日本語 ファイル",
      "👩‍💻 notes",
      "❤️",
    ]) {
      expect(visibleText(name)).toBe(name);
      expect(hasHiddenCharacters(name)).toBe(false);
    }
    expect(hasHiddenCharacters("a\u202eb")).toBe(true);
  });

  it("does not keep a joiner that follows no emoji", () => {
    expect(visibleText("a\u200d😀")).toBe("a[U+200D]😀");
    expect(visibleText("😀\u200d")).toBe("😀[U+200D]");
  });
});
