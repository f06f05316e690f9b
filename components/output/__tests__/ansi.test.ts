import { describe, expect, it } from "vitest";
import { parseAnsi, sliceSegments, splitLines } from "../ansi";

describe("ANSI escapes", () => {
  it("leaves plain text alone", () => {
    expect(parseAnsi("plain\ntext")).toEqual([{ text: "plain\ntext", style: null }]);
  });

  it("turns SGR codes into styles: basic, bright, 256-colour, truecolor, bold, resets", () => {
    const segs = parseAnsi(
      "\x1b[31mred\x1b[0m plain \x1b[1;92mbright\x1b[22m\x1b[38;5;196mx\x1b[48;2;1;2;3my\x1b[39;49mz\x1b[m",
    );
    expect(segs).toEqual([
      { text: "red", style: { color: "#b91c1c" } },
      { text: " plain ", style: null },
      { text: "bright", style: { bold: true, color: "#22c55e" } },
      { text: "x", style: { color: "rgb(255,0,0)" } },
      { text: "y", style: { color: "rgb(255,0,0)", background: "rgb(1,2,3)" } },
      { text: "z", style: null },
    ]);
  });

  it("drops other escape sequences (cursor moves, erase line)", () => {
    expect(
      parseAnsi("a\x1b[2Kb\x1b[1Ac")
        .map((s) => s.text)
        .join(""),
    ).toBe("abc");
  });

  it("slices head and tail across segments, styles kept", () => {
    const segs = parseAnsi("ab\x1b[31mcdef\x1b[0mgh");
    expect(sliceSegments(segs, 3, "start")).toEqual([
      { text: "ab", style: null },
      { text: "c", style: { color: "#b91c1c" } },
    ]);
    expect(sliceSegments(segs, 3, "end")).toEqual([
      { text: "f", style: { color: "#b91c1c" } },
      { text: "gh", style: null },
    ]);
  });

  it("splits into blocks of whole lines, across segments, losing nothing", () => {
    const text = `${Array.from({ length: 1001 }, (_, i) => `line ${i}\n`).join("")}tail`;
    const segs = parseAnsi(text.replace("line 500", "\x1b[31mline 500\x1b[0m"));
    const blocks = splitLines(segs, 200);
    expect(blocks.map((b) => b.lines)).toEqual([200, 200, 200, 200, 200, 1]);
    expect(blocks.flatMap((b) => b.segments.map((s) => s.text)).join("")).toBe(text);
    expect(
      blocks[1]!.segments
        .map((s) => s.text)
        .join("")
        .startsWith("line 200\n"),
    ).toBe(true);
  });
});
