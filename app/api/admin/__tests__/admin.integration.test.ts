// The admin page's API and the controls behind it (issue 14 items 2 and 4), against the real
// handlers and PostgreSQL. This file runs on a database of its own (made and migrated here): the
// admin rules count every account of an instance (the last admin, the first account of an empty
// invite-only instance) and a saved setting holds for the whole instance, so the shared test
// database, where other files sign up and set limits at the same time, would blur both.
import { randomBytes, randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as notebooksRoute from "@/app/api/notebooks/route";
import * as filesRoute from "@/app/api/notebooks/[id]/files/[...path]/route";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as h from "@/app/api/notebooks/__tests__/request";
import * as agent from "@/app/api/runs/__tests__/agent-harness";
import * as signUpMod from "@/lib/auth/__tests__/sign-up";
import { migrateDeploy } from "@/scripts/db/migrate";
import * as invitesRoute from "../invites/route";
import * as inviteRoute from "../invites/[inviteId]/route";
import * as settingsRoute from "../settings/route";
import * as spendRoute from "../spend/route";
import * as usersRoute from "../users/route";
import * as userRoute from "../users/[userId]/route";

const shared = inject("databaseUrl");
const name = `pylot_admin_${randomBytes(4).toString("hex")}`;
const url = new URL(shared);
url.pathname = `/${name}`;
const db = new pg.Client({ connectionString: url.toString() });

type Mod = Record<
  string,
  (req: NextRequest, c: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>
>;
const users = usersRoute as unknown as Mod;
const user = userRoute as unknown as Mod;
const settings = settingsRoute as unknown as Mod;
const spend = spendRoute as unknown as Mod;
const invites = invitesRoute as unknown as Mod;
const invite = inviteRoute as unknown as Mod;
const notebooks = notebooksRoute as unknown as Mod;
const files = filesRoute as unknown as Mod;
const auth = authRoute as unknown as Mod;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: shared });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  await migrateDeploy(url.toString());
  await db.connect();
  // Nothing has touched the database yet in this file; the clients are built on first use.
  process.env.DATABASE_URL = url.toString();
  const cache = globalThis as Record<string, unknown>;
  delete cache.__pylotDb;
  delete cache.__pylotPool;
  delete cache.__pylotAuth;
});

afterAll(async () => {
  await db.end();
});

const call = (
  mod: Mod,
  method: string,
  cookie: string | undefined,
  body?: unknown,
  params: Record<string, unknown> = {},
) => mod[method]!(h.request(method, "/api/admin/x", { cookie, body }), h.ctx(params as Record<string, string>));

async function errorOf(res: Response) {
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, ...error };
}

/** A sign-up as the form sends it, with or without an invite token; the raw answer. */
function signUpRequest(inviteToken?: string, email = `u-${randomUUID()}@example.test`) {
  const browser = h.newOwner();
  return auth.POST!(
    h.request("POST", "/api/auth/sign-up/email", {
      cookie: browser.cookie,
      body: { email, password: signUpMod.PASSWORD, name: email },
      headers: {
        origin: "http://localhost:3000",
        "x-pylot-client-address": signUpMod.randomAddress(),
        ...(inviteToken === undefined ? {} : { "x-pylot-invite": inviteToken }),
      },
    }),
    h.ctx({}),
  );
}

let first: Awaited<ReturnType<typeof signUpMod.signUp>>;

const roleOf = async (id: string) =>
  (await db.query<{ role: string }>(`SELECT role FROM "User" WHERE id = $1`, [id])).rows[0]?.role;

describe("admin", () => {
  it("invite-only: the first account needs no invite and is admin; a stranger is refused; an invite works once", async () => {
    await agent.withEnv({ PYLOT_AUTH: "invite" }, async () => {
      first = await signUpMod.signUp();
      expect(await roleOf(first.userId)).toBe("admin");

      const none = await signUpRequest();
      expect(none.status).toBe(403);
      expect((await none.json()).message).toBe("This Pylot instance is invite-only: ask its admin for an invite link.");
      const bad = await signUpRequest("x".repeat(43));
      expect(bad.status).toBe(403);
      expect((await bad.json()).message).toMatch(/^This invite link cannot be used/);

      const made = await call(invites, "POST", first.cookie, {});
      expect(made.status).toBe(201);
      const { invite: link } = (await made.json()) as { invite: { id: string; token: string; state: string } };
      expect(link.state).toBe("open");
      const ok = await signUpRequest(link.token, "invited@example.test");
      expect(ok.status, await ok.clone().text()).toBe(200);
      const again = await signUpRequest(link.token);
      expect(again.status).toBe(403);
      const listed = (await (await call(invites, "GET", first.cookie)).json()) as {
        invites: { id: string; state: string; usedByEmail: string | null }[];
      };
      expect(listed.invites.find((i) => i.id === link.id)).toMatchObject({
        state: "used",
        usedByEmail: "invited@example.test",
      });

      // A revoked invite and an expired one are refused too.
      const revokedLink = (
        (await (await call(invites, "POST", first.cookie, {})).json()) as { invite: { id: string; token: string } }
      ).invite;
      expect((await call(invite, "DELETE", first.cookie, undefined, { inviteId: revokedLink.id })).status).toBe(200);
      expect((await signUpRequest(revokedLink.token)).status).toBe(403);
      const expiredLink = (
        (await (await call(invites, "POST", first.cookie, {})).json()) as { invite: { id: string; token: string } }
      ).invite;
      await db.query(`UPDATE "Invite" SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [expiredLink.id]);
      expect((await signUpRequest(expiredLink.token)).status).toBe(403);
    });
    // Outside invite mode no invite is asked for.
    expect((await signUpRequest()).status).toBe(200);
  });

  it("refuses non-admins on every admin route: 401 without an account, 403 with one", async () => {
    const member = await signUpMod.signUp();
    const anonymous = h.newOwner();
    for (const [mod, method, params] of [
      [users, "GET", {}],
      [user, "PATCH", { userId: first.userId }],
      [user, "DELETE", { userId: first.userId }],
      [settings, "GET", {}],
      [settings, "PUT", {}],
      [spend, "GET", {}],
      [invites, "GET", {}],
      [invites, "POST", {}],
      [invite, "DELETE", { inviteId: randomUUID() }],
    ] as const) {
      const body = method === "PATCH" ? { disabled: true } : method === "GET" || method === "DELETE" ? undefined : {};
      const asMember = await errorOf(await call(mod, method, member.cookie, body, params));
      expect(asMember).toMatchObject({ status: 403, message: "Only the instance's admins can do this." });
      expect((await call(mod, method, anonymous.cookie, body, params)).status).toBe(401);
    }
    expect(await roleOf(first.userId)).toBe("admin");
    const { rows } = await db.query(`SELECT disabled FROM "User" WHERE id = $1`, [first.userId]);
    expect(rows[0].disabled).toBe(false);
  });

  it("disabling a user ends their sessions and refuses their next request; enabling lets them sign in again", async () => {
    const member = await signUpMod.signUp();
    const nb = await agent.createNotebook(member.cookie);
    const res = await call(user, "PATCH", first.cookie, { disabled: true }, { userId: member.userId });
    expect(res.status).toBe(200);
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM "Session" WHERE "userId" = $1`, [member.userId])).rows[0].n,
    ).toBe(0);
    const next = await notebooks.GET!(h.request("GET", "/api/notebooks", { cookie: member.cookie }), h.ctx({}));
    // The session is gone: the browser is signed out (here, in open mode, back to its anonymous
    // owner, who has none of the account's notebooks).
    expect(next.status).toBe(200);
    expect(JSON.stringify(await next.json())).not.toContain(nb.id);
    const signIn = await auth.POST!(
      h.request("POST", "/api/auth/sign-in/email", {
        cookie: h.newOwner().cookie,
        body: { email: member.email, password: signUpMod.PASSWORD },
        headers: { origin: "http://localhost:3000", "x-pylot-client-address": signUpMod.randomAddress() },
      }),
      h.ctx({}),
    );
    expect(signIn.status).toBe(403);
    expect((await signIn.json()).message).toMatch(/disabled/);
    // Nobody disables themselves.
    expect(
      (await errorOf(await call(user, "PATCH", first.cookie, { disabled: true }, { userId: first.userId }))).status,
    ).toBe(409);
    expect((await call(user, "PATCH", first.cookie, { disabled: false }, { userId: member.userId })).status).toBe(200);
    const back = await auth.POST!(
      h.request("POST", "/api/auth/sign-in/email", {
        cookie: h.newOwner().cookie,
        body: { email: member.email, password: signUpMod.PASSWORD },
        headers: { origin: "http://localhost:3000", "x-pylot-client-address": signUpMod.randomAddress() },
      }),
      h.ctx({}),
    );
    expect(back.status).toBe(200);
  });

  it("never removes the last admin", async () => {
    const admins = await db.query(`SELECT id FROM "User" WHERE role = 'admin'`);
    expect(admins.rows.map((r) => r.id)).toEqual([first.userId]);
    const demoteSelf = await errorOf(
      await call(user, "PATCH", first.cookie, { role: "user" }, { userId: first.userId }),
    );
    expect(demoteSelf).toMatchObject({
      status: 409,
      message: "This is the instance's last admin; make someone else admin first.",
    });
    const second = await signUpMod.signUp();
    expect((await call(user, "PATCH", first.cookie, { role: "admin" }, { userId: second.userId })).status).toBe(200);
    // The new admin may now demote the first; then the second is the last, and stays.
    expect((await call(user, "PATCH", second.cookie, { role: "user" }, { userId: first.userId })).status).toBe(200);
    expect((await call(user, "PATCH", second.cookie, { role: "user" }, { userId: second.userId })).status).toBe(409);
    // The demoted admin's very next request is refused (the role is read with the session).
    expect((await call(users, "GET", first.cookie)).status).toBe(403);
    expect((await call(user, "PATCH", second.cookie, { role: "admin" }, { userId: first.userId })).status).toBe(200);
    expect(await roleOf(first.userId)).toBe("admin");
  });

  it("deletes a user with their notebooks, files, runs and share links in one transaction; never oneself", async () => {
    const member = await signUpMod.signUp();
    const other = await signUpMod.signUp();
    const theirs = await agent.createNotebook(member.cookie);
    const kept = await agent.createNotebook(other.cookie);
    await db.query(
      `INSERT INTO "File" (id, "notebookId", path, kind, bytes, size, sha256, mime, "updatedAt")
       VALUES (gen_random_uuid(), $1, 'data/a.csv', 'data', '\\x6869', 2, 'x', 'text/csv', now())`,
      [theirs.id],
    );
    await db.query(
      `INSERT INTO "AgentRun" (id, "notebookId", "ownerId", prompt, model, "costUsd") VALUES (gen_random_uuid(), $1, $2, 'p', 'm', 0.25)`,
      [theirs.id, member.userId],
    );
    await db.query(`INSERT INTO "ShareLink" (id, "notebookId", "tokenHash") VALUES (gen_random_uuid(), $1, $2)`, [
      theirs.id,
      randomUUID(),
    ]);
    const listed = (await (await call(users, "GET", first.cookie)).json()) as {
      users: {
        id: string;
        notebooks: number;
        files: number;
        runs: number;
        shareLinks: number;
        spendTodayUsd: number;
        storageBytes: number;
      }[];
    };
    expect(listed.users.find((u) => u.id === member.userId)).toMatchObject({
      notebooks: 1,
      files: 1,
      runs: 1,
      shareLinks: 1,
      spendTodayUsd: 0.25,
    });
    const perDay = (await (await call(spend, "GET", first.cookie)).json()) as {
      days: { ownerId: string; email: string; costUsd: number }[];
    };
    expect(perDay.days).toContainEqual(
      expect.objectContaining({ ownerId: member.userId, email: member.email, costUsd: 0.25 }),
    );

    // A failure at the last step (the account's own row) leaves everything in place.
    await db.query(`CREATE FUNCTION pylot_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
    await db.query(`CREATE TRIGGER refuse_delete BEFORE DELETE ON "User" FOR EACH ROW
      WHEN (OLD.id = '${member.userId}'::uuid) EXECUTE FUNCTION pylot_test_refuse()`);
    expect((await call(user, "DELETE", first.cookie, undefined, { userId: member.userId })).status).toBe(500);
    const count = async (sql: string, id: string) => (await db.query(sql, [id])).rows[0].n as number;
    expect(await count(`SELECT count(*)::int AS n FROM "Notebook" WHERE "ownerId" = $1`, member.userId)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM "AgentRun" WHERE "ownerId" = $1`, member.userId)).toBe(1);
    await db.query(`DROP TRIGGER refuse_delete ON "User"`);

    const res = await call(user, "DELETE", first.cookie, undefined, { userId: member.userId });
    expect(res.status).toBe(200);
    expect((await res.json()).deleted).toEqual({ notebooks: 1 });
    expect(await count(`SELECT count(*)::int AS n FROM "User" WHERE id = $1`, member.userId)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "Notebook" WHERE "ownerId" = $1`, member.userId)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "AgentRun" WHERE "ownerId" = $1`, member.userId)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "File" WHERE "notebookId" = $1`, theirs.id)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "ShareLink" WHERE "notebookId" = $1`, theirs.id)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "Session" WHERE "userId" = $1`, member.userId)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "Notebook" WHERE id = $1`, kept.id)).toBe(1);
    expect((await call(user, "DELETE", first.cookie, undefined, { userId: first.userId })).status).toBe(409);
  });
});

describe("operator settings and caps", () => {
  agent.useFakeAnthropic();

  it("a per-user daily cap (env, then a value saved on the page) refuses a run with a clear message", async () => {
    const member = await signUpMod.signUp();
    const nb = await agent.createNotebook(member.cookie);
    await db.query(
      `INSERT INTO "AgentRun" (id, "notebookId", "ownerId", prompt, status, model, "costUsd") VALUES (gen_random_uuid(), $1, $2, 'p', 'completed', 'm', 1.5)`,
      [nb.id, member.userId],
    );
    // A new notebook each time: a notebook takes one run at a time.
    const start = async () =>
      agent.startRunRequest(member.cookie, (await agent.createNotebook(member.cookie)).id, {
        prompt: `[scenario:code-error-fix] ${agent.nonce()}`,
        mode: "auto",
      });
    await agent.withEnv({ PYLOT_USER_DAILY_BUDGET_USD: "3", PYLOT_AGENT_MAX_COST_USD: "2" }, async () => {
      const refused = await errorOf(await start());
      expect(refused).toMatchObject({ status: 429, code: "rate_limited" });
      expect(refused.message).toBe(
        "Your budget for today ($3.00) is almost spent: $1.50 is left and a run may spend up to $2.00; it resets at 00:00 UTC.",
      );
      // The page's value overrides the env: a higher cap lets the run start.
      const saved = await call(settings, "PUT", first.cookie, { userDailyBudgetUsd: 10 });
      expect(saved.status).toBe(200);
      const view = (
        (await saved.json()) as { settings: { key: string; envValue: number; savedValue: number; effective: number }[] }
      ).settings.find((s) => s.key === "userDailyBudgetUsd");
      expect(view).toMatchObject({ envValue: 3, savedValue: 10, effective: 10 });
      const events = await agent.readEvents(await start());
      expect(events[0]?.type).toBe("run");
      // A lower saved value refuses; clearing it gives the env back.
      await call(settings, "PUT", first.cookie, { userDailyBudgetUsd: 1 });
      expect((await errorOf(await start())).message).toMatch(/^Your budget for today \(\$1\.00\) is spent/);
      await call(settings, "PUT", first.cookie, { userDailyBudgetUsd: null });
      expect((await errorOf(await start())).message).toMatch(/^Your budget for today \(\$3\.00\)/);
    });
  });

  it("the storage quota counts cell outputs: an upload is refused with a 413 that names them", async () => {
    const member = await signUpMod.signUp();
    const nb = await agent.createNotebook(member.cookie);
    const text = "x".repeat(3000);
    await db.query(`UPDATE "Cell" SET outputs = $2::jsonb WHERE "notebookId" = $1`, [
      nb.id,
      JSON.stringify([{ output_type: "stream", name: "stdout", text }]),
    ]);
    const put = (bytes: number, file = "a.csv") =>
      files.PUT!(
        new NextRequest(new URL(`/api/notebooks/${nb.id}/files/data/${file}`, "http://localhost:3000"), {
          method: "PUT",
          headers: {
            cookie: member.cookie,
            "x-pylot-csrf": h.csrfHeaderFrom(member.cookie) ?? "",
            "content-type": "application/octet-stream",
            "content-length": String(bytes),
          },
          body: new Uint8Array(bytes),
        }),
        h.ctx({ id: nb.id, path: ["data", file] }),
      );
    // Saved on the page: 4000 bytes. The outputs take about 3 kB, so a 1500-byte file does not fit.
    expect((await call(settings, "PUT", first.cookie, { userQuotaBytes: 4000 })).status).toBe(200);
    try {
      const res = await put(1500);
      expect(res.status).toBe(413);
      const { error } = (await res.json()) as { error: { message: string; usedBytes: number } };
      expect(error.usedBytes).toBeGreaterThan(3000);
      expect(error.message).toMatch(/of 3\.9 KB is used/);
      expect(error.message).toContain("Your largest: cell outputs (");
      expect(error.message).toContain('in "Agent")');
      expect((await put(500)).status).toBe(201);
    } finally {
      await call(settings, "PUT", first.cookie, { userQuotaBytes: null });
    }
    // Cleared: the env's quota (1 GB by default) holds again.
    expect((await put(1500, "b.csv")).status).toBe(201);
  });

  it("refuses malformed settings with a 400", async () => {
    for (const body of [{ userQuotaBytes: -1 }, { nope: 1 }, { dailyBudgetUsd: "5" }]) {
      const res = await call(settings, "PUT", first.cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(user, "PATCH", first.cookie, {}, { userId: first.userId })).status).toBe(400);
    expect((await call(user, "PATCH", first.cookie, { disabled: false }, { userId: "nope" })).status).toBe(404);
  });
});
