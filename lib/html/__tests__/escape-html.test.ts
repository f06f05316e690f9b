import { describe, expect, it } from "vitest";
import { escapeHtml } from "../escape-html";

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters and nothing else", () => {
    expect(escapeHtml(`<a href='x'>&"é`)).toBe("&#60;a href=&#39;x&#39;&#62;&#38;&#34;é");
  });
});
