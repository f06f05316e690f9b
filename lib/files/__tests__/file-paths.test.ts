import { describe, expect, it } from "vitest";
import { checkFileName, checkFilePath, humanSize, mimeFor } from "../file-paths";
import { csvRows, decodeHead, firstLines } from "../text-head";

describe("file names", () => {
  it("accepts plain names, sub folders and non-ASCII", () => {
    expect(checkFileName("sales.csv")).toEqual({ ok: true, name: "sales.csv" });
    expect(checkFileName("2024/q1 report.xlsx")).toEqual({ ok: true, name: "2024/q1 report.xlsx" });
    expect(checkFileName("cafe\u0301.txt")).toEqual({ ok: true, name: "café.txt" }); // NFC
  });
  it("refuses names that could escape the folder or confuse the filesystem", () => {
    for (const bad of [
      "",
      "../x",
      "a/../../x",
      "..",
      ".",
      "/etc/passwd",
      "a\0b",
      "a\nb",
      "a\u007fb",
      "a\\b",
      "a//b",
      "a/",
      " x",
      "x".repeat(256),
      `${"a/".repeat(9)}b`,
      "a\uD800b",
      "\uDC00.csv",
    ]) {
      const r = checkFileName(bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
    }
    expect(checkFileName("é".repeat(128))).toMatchObject({ ok: false, reason: expect.stringContaining("255 bytes") });
  });
  it("stored paths live under data/ or output/", () => {
    expect(checkFilePath("data/a.csv")).toMatchObject({ ok: true, kind: "data", name: "a.csv" });
    expect(checkFilePath("output/x/y.png")).toMatchObject({ ok: true, kind: "output", path: "output/x/y.png" });
    expect(checkFilePath("etc/passwd").ok).toBe(false);
    expect(checkFilePath("data").ok).toBe(false);
    expect(checkFilePath("data/../output/x").ok).toBe(false);
  });
  it("MIME from the extension only; sizes for people", () => {
    expect(mimeFor("data/a.CSV")).toBe("text/csv");
    expect(mimeFor("data/x.tar/file")).toBe("application/octet-stream");
    expect(humanSize(0)).toBe("0 B");
    expect(humanSize(1536)).toBe("1.5 KB");
    expect(humanSize(20 * 1024 * 1024)).toBe("20 MB");
  });
});

describe("text heads", () => {
  it("cuts on a character boundary and flags bytes that are not UTF-8", () => {
    const bytes = new TextEncoder().encode("aé"); // 61 c3 a9
    expect(decodeHead(bytes, 2)).toEqual({ text: "a", truncated: true, notUtf8: false });
    expect(decodeHead(Uint8Array.from([0x66, 0xff]), 10)).toEqual({ text: "f\ufffd", truncated: false, notUtf8: true });
    expect(decodeHead(new Uint8Array(0), 10)).toEqual({ text: "", truncated: false, notUtf8: false });
  });
  it("parses CSV rows with quotes, commas and newlines in fields", () => {
    const { rows, complete } = csvRows('a,b\r\n"x, y","say ""hi""\nthere"\n1,2', 10);
    expect(rows).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"\nthere'],
      ["1", "2"],
    ]);
    expect(complete).toBe(true);
    expect(csvRows("a\nb\nc\n", 2).rows).toEqual([["a"], ["b"]]);
  });
  it("keeps the first lines within a budget", () => {
    expect(firstLines("1\n2\n3", 2, 100)).toEqual({ text: "1\n2", cut: true });
    expect(firstLines("abcdef", 5, 3)).toEqual({ text: "abc", cut: true });
  });
});
