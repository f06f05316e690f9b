// Accounts against the real database through the real Better Auth handler and our routes:
// sign-up adopts the browser's anonymous notebooks in one transaction, the first account is the
// admin, a disabled user is refused even with a live session, and a revoked session stops working.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as authPost, GET as authGet } from "@/app/api/auth/[...all]/route";
import { GET as listNotebooks, POST as createNotebook } from "@/app/api/notebooks/route";
import { getDb } from "@/lib/db/client";
import { adoptAnonymousOwner, listUserSessions, revokeUserSession } from "@/lib/db/accounts";
import { ctx, newOwner, request } from "@/app/api/notebooks/__tests__/request";
import { PASSWORD, randomAddress, signUp } from "./sign-up";

async function titles(cookie: string): Promise<string[]> {
  const res = await listNotebooks(request("GET", "/api/notebooks", { cookie }), ctx({}));
  expect(res.status).toBe(200);
  return ((await res.json()) as { notebooks: { title: string }[] }).notebooks.map((n) => n.title).sort();
}

describe("accounts", () => {
  it("sign-up adopts the browser's anonymous notebooks; the anonymous cookie alone then sees none", async () => {
    const browser = newOwner();
    for (const title of ["first", "second"]) {
      const res = await createNotebook(
        request("POST", "/api/notebooks", { cookie: browser.cookie, body: { title } }),
        ctx({}),
      );
      expect(res.status).toBe(201);
    }
    const signedIn = await signUp(browser);
    expect(await titles(signedIn.cookie)).toEqual(["first", "second"]);
    expect(await titles(browser.cookie)).toEqual([]);
    const owned = await getDb().notebook.count({ where: { ownerId: signedIn.userId } });
    expect(owned).toBe(2);
  });

  it("adoption is one transaction: a failure at its last statement moves nothing", async () => {
    const db = getDb();
    const anon = randomUUID();
    const user = randomUUID();
    const nb = await db.notebook.create({ data: { ownerId: anon, title: "kept" } });
    await db.spendReservation.create({ data: { id: randomUUID(), ownerId: anon, notebookId: nb.id, amountUsd: 1 } });
    // Refuse only this test's move of a spend reservation (the last statement of the adoption).
    const fn = `pylot_test_refuse_${user.replaceAll("-", "")}`;
    await db.$executeRawUnsafe(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF NEW."ownerId" = '${user}'::uuid THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER ${fn} BEFORE UPDATE ON "SpendReservation" FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    );
    try {
      await expect(adoptAnonymousOwner(anon, user)).rejects.toThrow(/refused by the test/);
      expect(await db.notebook.count({ where: { ownerId: anon } })).toBe(1);
      expect(await db.notebook.count({ where: { ownerId: user } })).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER ${fn} ON "SpendReservation"`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
    }
    expect((await adoptAnonymousOwner(anon, user)).notebooks).toBe(1);
    expect(await db.spendReservation.count({ where: { ownerId: user } })).toBe(1);
  });

  it("the instance has exactly one admin, even when accounts are made at the same moment", async () => {
    const made = await Promise.all(Array.from({ length: 4 }, () => signUp()));
    expect(new Set(made.map((m) => m.userId)).size).toBe(4);
    const roles = await getDb().user.groupBy({ by: ["role"], _count: true });
    expect(roles.find((r) => r.role === "admin")?._count).toBe(1);
    const first = await getDb().user.findFirst({ orderBy: { createdAt: "asc" }, select: { role: true } });
    expect(first?.role).toBe("admin");
  });

  it("a disabled user is refused with a live session, and cannot sign in again", async () => {
    const { cookie, userId, email } = await signUp();
    expect(await titles(cookie)).toEqual([]);
    await getDb().user.update({ where: { id: userId }, data: { disabled: true } });
    const res = await listNotebooks(request("GET", "/api/notebooks", { cookie }), ctx({}));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/disabled/);
    const again = await authPost(
      request("POST", "/api/auth/sign-in/email", {
        cookie: newOwner().cookie,
        body: { email, password: PASSWORD },
        headers: { origin: "http://localhost:3000", "x-pylot-client-address": randomAddress() },
      }),
    );
    expect(again.status).toBe(403);
  });

  it("a revoked session no longer resolves; the browser falls back to its (empty) anonymous owner", async () => {
    const browser = newOwner();
    await createNotebook(
      request("POST", "/api/notebooks", { cookie: browser.cookie, body: { title: "mine" } }),
      ctx({}),
    );
    const { cookie, userId } = await signUp(browser);
    expect(await titles(cookie)).toEqual(["mine"]);
    const [session] = await listUserSessions(userId);
    expect(await revokeUserSession(userId, session!.id)).toBe(true);
    expect(await titles(cookie)).toEqual([]);
  });

  it("a forged session cookie is ignored (no lookup), and a cell-like fetch without the header is refused", async () => {
    const { cookie } = await signUp();
    const forged = cookie.replace(/(pylot\.session_token=)[^;]*/, "$1abc.def");
    expect(await titles(forged)).toEqual([]);
    const res = await authGet(request("GET", "/api/auth/get-session", { cookie, csrf: false }));
    expect(res.status).toBe(403);
    const out = await authPost(request("POST", "/api/auth/sign-out", { cookie, csrf: false, body: {} }));
    expect(out.status).toBe(403);
    expect(await titles(cookie)).toHaveLength(0);
    const ok = await authGet(request("GET", "/api/auth/get-session", { cookie }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { user: { email: string } }).user.email).toMatch(/@example\.test$/);
  });

  it("short passwords are refused with a message", async () => {
    const res = await authPost(
      request("POST", "/api/auth/sign-up/email", {
        cookie: newOwner().cookie,
        body: { email: `s-${randomUUID()}@example.test`, password: "short-pass", name: "s" },
        headers: { origin: "http://localhost:3000", "x-pylot-client-address": randomAddress() },
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/short/i);
  });

  it("sign-in attempts are limited per client address: the next one is a 429", async () => {
    const { email } = await signUp();
    const address = randomAddress();
    const attempt = () =>
      authPost(
        request("POST", "/api/auth/sign-in/email", {
          cookie: newOwner().cookie,
          body: { email, password: "wrong password, long enough" },
          headers: { origin: "http://localhost:3000", "x-pylot-client-address": address },
        }),
      );
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(429);
  });

  it("sign-up cannot choose its own role: the field is not input", async () => {
    await signUp(); // someone else is the instance's first account (its admin)
    const email = `r-${randomUUID()}@example.test`;
    const res = await authPost(
      request("POST", "/api/auth/sign-up/email", {
        cookie: newOwner().cookie,
        body: { email, password: PASSWORD, name: "r", role: "admin", disabled: false },
        headers: { origin: "http://localhost:3000", "x-pylot-client-address": randomAddress() },
      }),
    );
    expect(res.status).toBeLessThan(500);
    const user = await getDb().user.findUnique({ where: { email }, select: { role: true } });
    // Refused outright, or made as a plain user: never an admin by asking.
    expect(user === null || user.role === "user").toBe(true);
  });
});
