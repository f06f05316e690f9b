import { describe, expect, it } from "vitest";
import { contentDisposition } from "../file-response";

describe("contentDisposition", () => {
  it("suggests a name whose right-to-left override is shown, so the extension cannot be disguised", () => {
    const header = contentDisposition("attachment", "data/invoice\u202efdp.exe.csv");
    expect(header).toBe(
      `attachment; filename="invoice[U+202E]fdp.exe.csv"; filename*=UTF-8''invoice%5BU%2B202E%5Dfdp.exe.csv`,
    );
    expect(header).not.toMatch(/\u202e|%E2%80%AE/i);
  });

  it("keeps ordinary non-ASCII names exact in filename*", () => {
    expect(contentDisposition("inline", "output/été.png")).toBe(
      `inline; filename="_t_.png"; filename*=UTF-8''%C3%A9t%C3%A9.png`,
    );
  });

  it("does not throw on a lone surrogate", () => {
    expect(contentDisposition("attachment", "data/a\ud800.txt")).toContain("filename*=UTF-8''a%5BU%2BD800%5D.txt");
  });
});
