import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { sign } from "cookie-signature";
import { randomUUID } from "node:crypto";
import { AppError } from "../app-error";
import { checkCsrfToken } from "../csrf";
import { csrfTokenFor, isValidCsrfToken } from "@/lib/identity/csrf-token";

process.env.PYLOT_SECRET ??= "unit-test-secret-0123456789abcdef";

function req(method: string, headers: Record<string, string>) {
  return new NextRequest("http://localhost/api/notebooks", { method, headers });
}

function refused(r: NextRequest): boolean {
  try {
    checkCsrfToken(r);
    return false;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(403);
    return true;
  }
}

describe("double-submit token", () => {
  const owner = randomUUID();
  const cookie = `pylot_owner=${encodeURIComponent(sign(owner, process.env.PYLOT_SECRET!))}`;
  const token = csrfTokenFor(owner);

  it("is bound to the owner: another owner's token does not pass", () => {
    expect(isValidCsrfToken(owner, token)).toBe(true);
    expect(isValidCsrfToken(owner, csrfTokenFor(randomUUID()))).toBe(false);
    expect(isValidCsrfToken(owner, "")).toBe(false);
  });

  it("fetch-like requests with the owner cookie need the header; navigations and images do not", () => {
    const fetchLike = { cookie, "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" };
    expect(refused(req("GET", fetchLike))).toBe(true);
    expect(refused(req("GET", { ...fetchLike, "x-pylot-csrf": "wrong" }))).toBe(true);
    expect(refused(req("GET", { ...fetchLike, "x-pylot-csrf": token }))).toBe(false);
    expect(refused(req("POST", { ...fetchLike, "x-pylot-csrf": token }))).toBe(false);
    // A JSON-module import or caches.add() is still readable by script.
    expect(refused(req("GET", { cookie, "sec-fetch-mode": "cors", "sec-fetch-dest": "json" }))).toBe(true);
    // No fetch metadata at all (scripts, old clients): the header is required.
    expect(refused(req("GET", { cookie }))).toBe(true);
    expect(refused(req("GET", { cookie, "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" }))).toBe(false);
    expect(refused(req("GET", { cookie, "sec-fetch-mode": "no-cors", "sec-fetch-dest": "image" }))).toBe(false);
    // A navigation may not write.
    expect(refused(req("POST", { cookie, "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" }))).toBe(true);
  });

  it("requests without an owner cookie are left to the route (401)", () => {
    expect(refused(req("POST", { "sec-fetch-mode": "cors" }))).toBe(false);
  });
});
