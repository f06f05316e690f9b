import { describe, expect, it } from "vitest";
import { newOwnerCookieValue, verifyOwnerCookie } from "../owner-cookie";

describe("owner cookie", () => {
  it("round-trips a signed owner id", () => {
    const { ownerId, value } = newOwnerCookieValue();
    expect(verifyOwnerCookie(value)).toBe(ownerId);
  });
  it("refuses tampering, other secrets' signatures, and junk", () => {
    const { value } = newOwnerCookieValue();
    const [id, sig] = value.split(".");
    expect(verifyOwnerCookie(`${id!.replace(/^./, (c) => (c === "a" ? "b" : "a"))}.${sig}`)).toBeNull();
    expect(verifyOwnerCookie(`${id}.${sig!.slice(1)}x`)).toBeNull();
    expect(verifyOwnerCookie(id)).toBeNull();
    expect(verifyOwnerCookie("")).toBeNull();
    expect(verifyOwnerCookie(undefined)).toBeNull();
    const old = process.env.PYLOT_SECRET;
    process.env.PYLOT_SECRET = "another-secret-of-enough-length";
    try {
      expect(verifyOwnerCookie(value)).toBeNull();
    } finally {
      process.env.PYLOT_SECRET = old;
    }
  });
});
