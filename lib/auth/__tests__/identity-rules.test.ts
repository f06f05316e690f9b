// The pure parts of identity: the mode setting, the session cookie's signature, and the decision.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authMode } from "../auth-mode";
import { authSecret } from "../auth-secret";
import { verifySessionCookie } from "../session-cookie";
import { decideIdentity } from "@/lib/identity/identity";

const SECRET = "test-secret-0123456789abcdef";
const signed = (token: string, secret = SECRET) =>
  encodeURIComponent(`${token}.${createHmac("sha256", secret).update(token).digest("base64")}`);

describe("authMode", () => {
  it("defaults to open, reads required, and fails closed on anything else", () => {
    expect(authMode({})).toBe("open");
    expect(authMode({ PYLOT_AUTH: " Required " })).toBe("required");
    expect(authMode({ PYLOT_AUTH: "opne" })).toBe("required");
  });
});

describe("authSecret", () => {
  it("is derived from PYLOT_SECRET, never the raw value", () => {
    const key = authSecret({ PYLOT_SECRET: SECRET });
    expect(key).not.toContain(SECRET);
    expect(key).toBe(authSecret({ PYLOT_SECRET: SECRET }));
    expect(key).not.toBe(authSecret({ PYLOT_SECRET: `${SECRET}x` }));
    expect(() => authSecret({})).toThrow(/PYLOT_SECRET/);
  });
});

describe("verifySessionCookie", () => {
  it("returns the token of a correctly signed value and null for anything else", () => {
    expect(verifySessionCookie(signed("tok.en-1"), SECRET)).toBe("tok.en-1");
    expect(verifySessionCookie(signed("tok", "another-secret-0123456789"), SECRET)).toBeNull();
    expect(verifySessionCookie(signed("tok").replace("tok", "tak"), SECRET)).toBeNull();
    for (const bad of [undefined, "", "nodot", ".sig", "%E0%A4%A", "tok.", "tok.AAAA"])
      expect(verifySessionCookie(bad, SECRET)).toBeNull();
  });
});

describe("decideIdentity", () => {
  const user = { sessionId: "s", userId: "u", email: "a@b.c", role: "user" as const, disabled: false };
  it("a live session wins; a disabled user is refused, not read as the anonymous owner", () => {
    expect(decideIdentity("open", user, "anon")).toMatchObject({ kind: "user", ownerId: "u" });
    expect(decideIdentity("open", { ...user, disabled: true }, "anon")).toMatchObject({ kind: "nobody", status: 403 });
    expect(decideIdentity("required", { ...user, disabled: true }, "anon")).toMatchObject({ status: 403 });
  });
  it("without a session: the anonymous owner in open mode, nobody (401) where accounts are required", () => {
    expect(decideIdentity("open", null, "anon")).toEqual({ kind: "anonymous", ownerId: "anon" });
    expect(decideIdentity("open", null, null)).toMatchObject({ kind: "nobody", status: 401 });
    expect(decideIdentity("required", null, "anon")).toMatchObject({ kind: "nobody", status: 401 });
  });
});
