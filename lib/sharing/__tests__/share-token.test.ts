import { describe, expect, it } from "vitest";
import { hashShareToken, isWellFormedShareToken, newShareToken, shareTokenFor } from "../share-token";

describe("share tokens", () => {
  it("are 256 random bits, url-safe, and stored only as their sha256", () => {
    const tokens = Array.from({ length: 200 }, () => newShareToken());
    expect(new Set(tokens.map((t) => t.token)).size).toBe(200);
    for (const { token, tokenHash } of tokens) {
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(isWellFormedShareToken(token)).toBe(true);
      expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(tokenHash).toBe(hashShareToken(token));
      expect(tokenHash).not.toContain(token);
    }
  });

  it("a link's token is derived from the secret and its id: the same again for the owner, different under another secret", () => {
    const key = "k".repeat(32);
    const a = shareTokenFor("00000000-0000-4000-8000-000000000001", key);
    expect(shareTokenFor("00000000-0000-4000-8000-000000000001", key)).toEqual(a);
    expect(isWellFormedShareToken(a.token)).toBe(true);
    expect(a.tokenHash).toBe(hashShareToken(a.token));
    expect(shareTokenFor("00000000-0000-4000-8000-000000000002", key).token).not.toBe(a.token);
    expect(shareTokenFor("00000000-0000-4000-8000-000000000001", "j".repeat(32)).token).not.toBe(a.token);
  });

  it("anything else is not a token", () => {
    for (const bad of ["", "x", "a".repeat(42), "a".repeat(44), `${"a".repeat(42)}/`, `${"a".repeat(42)}=`, null, 5]) {
      expect(isWellFormedShareToken(bad)).toBe(false);
    }
  });
});
