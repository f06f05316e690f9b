// Walks EVERY API route file under app/api (found on disk, so a new route is covered the day it
// is added) and calls each exported method as: another owner (→ 404, nothing changes), nobody
// (→ 401), a holder of only a share token (→ 401), and the owner without the double-submit header
// (→ 403). Routes without a resource in their path act in the caller's own space: for them the
// stranger must simply see none of the owner's data. The same again with a signed-in owner and a
// signed-in stranger, and a disabled user's live session (→ 403 everywhere).
// Better Auth's own endpoints (/api/auth/…) are the way in, open to anyone: without a cookie they
// must answer below 500 and show no one's data; with one, the double-submit rule holds there too.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { NextRequest } from "next/server";
import { createOwnedShareLink, listOwnedShareLinks } from "@/lib/db/share-links";
import { findOwnedNotebook } from "@/lib/db/notebooks";
import type { AgentEvent } from "@/lib/agent/events";
import { createNotebook, nonce, runOf, startRun, useFakeAnthropic } from "../runs/__tests__/agent-harness";
import { ctx, newOwner, request } from "../notebooks/__tests__/request";
import { signUp } from "@/lib/auth/__tests__/sign-up";
import { getDb } from "@/lib/db/client";
import { listUserSessions } from "@/lib/db/accounts";
import { createInvite } from "@/lib/db/invites";

const API_DIR = path.resolve(__dirname, "..");
/** Load-balancer probes: open to anyone, and they show no one's data. */
const PROBES = new Set(["/api/health", "/api/ready"]);
/** Sign-up and sign-in: open to anyone (they are how one gets an identity). */
const AUTH_DOOR = "/api/auth/[...all]";
/** Routes for the instance's admins: a signed-in user who is not one gets 403, checked on every request. */
const ADMIN_ONLY = (pattern: string) => pattern.startsWith("/api/admin/");
/** Routes about an account (not an owner's resources): an anonymous caller gets 401, not 404. */
const ACCOUNT_ONLY = (pattern: string) => pattern.startsWith("/api/account/") || ADMIN_ONLY(pattern);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = (req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "__tests__" ? [] : routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

const routes = routeFiles(API_DIR).map((file) => ({
  file,
  pattern: `/api/${path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/")}`,
}));

interface Ids {
  id: string;
  cellId: string;
  runId: string;
  runCellId: string;
  toolUseId: string;
  shareId: string;
  token: string;
  sessionId: string;
  /** An account the admin routes could act on (the owner's own, when signed in). */
  userId: string;
  inviteId: string;
}

/** Bodies that are valid in shape, so a refusal comes from ownership, not validation. */
function bodyFor(method: string, pattern: string, ids: Ids): unknown {
  const bodies: Record<string, unknown> = {
    "POST /api/notebooks": { title: "stranger's" },
    "PATCH /api/notebooks/[id]": { title: "taken over" },
    "POST /api/notebooks/[id]/cells": { index: 0, kind: "code", source: "x" },
    "PUT /api/notebooks/[id]/cells/order": { cellIds: [ids.cellId] },
    "PATCH /api/notebooks/[id]/cells/[cellId]": { baseVersion: 1, source: "taken" },
    "PUT /api/notebooks/[id]/cells/[cellId]/outputs": { outputs: [], executionCount: 1, durationMs: 1 },
    "POST /api/notebooks/[id]/runs": { prompt: "hi", mode: "auto" },
    "POST /api/runs/[runId]/observations": {
      toolUseId: ids.toolUseId,
      cellId: ids.runCellId,
      code: "1",
      outputs: [],
      status: "ok",
    },
    "POST /api/notebooks/import": { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] },
    "POST /api/shares/fork": { token: ids.token },
    "PATCH /api/admin/users/[userId]": { disabled: true, role: "user" },
    "PUT /api/admin/settings": { userQuotaBytes: 1 },
    "POST /api/admin/invites": {},
  };
  const key = `${method} ${pattern}`;
  return key in bodies ? bodies[key] : method === "GET" || method === "DELETE" ? undefined : {};
}

/** Param values by name; unknown names (a route added later) get a value that names nothing of theirs. */
function paramsFor(pattern: string, ids: Ids): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const m of pattern.matchAll(/\[(\.\.\.)?(\w+)\]/g)) {
    const [, rest, name] = m;
    const value = (ids as unknown as Record<string, string>)[name!] ?? "data/x.csv";
    params[name!] = rest ? value.split("/") : value;
  }
  return params;
}

const fake = useFakeAnthropic();
let owner: ReturnType<typeof newOwner>;
/** A notebook with an agent run (one tool call) and a share link, owned by `ownerId`: every id a route can name. */
async function seedOwned(cookie: string, ownerId: string, sessionId: string): Promise<Ids> {
  const nb = await createNotebook(cookie);
  const events = await startRun(cookie, nb.id, `[scenario:code-error-fix] ${nonce()}`);
  const call = events.find((e) => e.type === "tool_call") as Extract<AgentEvent, { type: "tool_call" }>;
  const share = await createOwnedShareLink(ownerId, nb.id);
  return {
    id: nb.id,
    cellId: nb.cells[0]!.id,
    runId: runOf(events).id,
    runCellId: call.cellId,
    toolUseId: call.toolUseId,
    shareId: share!.link.id,
    token: share!.token,
    sessionId,
    userId: ownerId,
    inviteId: (await createInvite(null)).id,
  };
}

let ids: Ids;

beforeAll(async () => {
  fake();
  owner = newOwner();
  ids = await seedOwned(owner.cookie, owner.id, "00000000-0000-4000-8000-000000000000");
});

async function handlerOf(file: string): Promise<Partial<Record<(typeof METHODS)[number], Handler>>> {
  return (await import(file)) as Partial<Record<(typeof METHODS)[number], Handler>>;
}

async function each(
  fn: (file: string, pattern: string, method: (typeof METHODS)[number], handler: Handler) => Promise<void>,
) {
  let n = 0;
  for (const { file, pattern } of routes) {
    const mod = await handlerOf(file);
    for (const method of METHODS) {
      const handler = mod[method];
      if (typeof handler !== "function") continue;
      await fn(file, pattern, method, handler);
      n++;
    }
  }
  return n;
}

function callAs(
  handler: Handler,
  method: string,
  pattern: string,
  opts: { cookie?: string; headers?: Record<string, string>; query?: string; csrf?: boolean; ids?: Ids },
) {
  const of = opts.ids ?? ids;
  const req = request(method, `${pattern}${opts.query ?? ""}`, {
    cookie: opts.cookie,
    body: bodyFor(method, pattern, of),
    headers: opts.headers,
    csrf: opts.csrf,
  });
  return handler(req, ctx(paramsFor(pattern, of) as Record<string, string>) as never);
}

describe("every API route", () => {
  it("finds the routes on disk", () => {
    expect(routes.length).toBeGreaterThanOrEqual(16);
    expect(routes.map((r) => r.pattern)).toContain("/api/notebooks/[id]/shares/[shareId]");
  });

  it("another owner gets 404 from every route on the owner's resources, and nothing changes", async () => {
    const stranger = newOwner();
    const before = await findOwnedNotebook(owner.id, ids.id);
    const checked = await each(async (_file, pattern, method, handler) => {
      const res = await callAs(handler, method, pattern, { cookie: stranger.cookie });
      const text = await res.text();
      const where = `${method} ${pattern} → ${res.status} ${text.slice(0, 200)}`;
      if (ACCOUNT_ONLY(pattern)) {
        expect(res.status, where).toBe(401);
      } else if (pattern.includes("[")) {
        expect(res.status, where).toBe(404);
      } else {
        // Own-space routes (list, create, import, fork, health) never show the owner's data.
        expect(res.status, where).toBeLessThan(500);
        expect(text, where).not.toContain(ids.id);
      }
    });
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(await findOwnedNotebook(owner.id, ids.id)).toEqual(before);
    expect((await listOwnedShareLinks(owner.id, ids.id))?.[0]?.revokedAt).toBeNull();
  });

  it("no cookie → 401 everywhere but the probes (health, ready); a share token alone opens nothing", async () => {
    await each(async (_file, pattern, method, handler) => {
      const open = PROBES.has(pattern);
      const anon = await callAs(handler, method, pattern, {});
      if (pattern === AUTH_DOOR) {
        expect(anon.status, `${method} ${pattern} without a cookie`).toBeLessThan(500);
        expect(await anon.text()).not.toContain(ids.id);
        return;
      }
      expect(anon.status, `${method} ${pattern} without a cookie`).toBe(open ? 200 : 401);
      // Only the share token, in every place a client might put it (the fork body carries it too).
      const withToken = await callAs(handler, method, pattern, {
        query: `?token=${ids.token}`,
        headers: {
          authorization: `Bearer ${ids.token}`,
          "x-share-token": ids.token,
          cookie: `pylot_share=${ids.token}`,
        },
      });
      expect(withToken.status, `${method} ${pattern} with only a share token`).toBe(open ? 200 : 401);
    });
    expect((await findOwnedNotebook(owner.id, ids.id))?.title).toBe("Agent");
  });

  it("the owner's own cookie without the double-submit header is refused (403) on every route", async () => {
    await each(async (_file, pattern, method, handler) => {
      if (PROBES.has(pattern)) return;
      const res = await callAs(handler, method, pattern, {
        cookie: owner.cookie,
        csrf: false,
        headers: { "sec-fetch-mode": "cors", "sec-fetch-dest": "empty", "sec-fetch-site": "same-origin" },
      });
      expect(res.status, `${method} ${pattern}`).toBe(403);
    });
  });
});

describe("every API route, signed in", () => {
  let user: Awaited<ReturnType<typeof signUp>>;
  let mine: Ids;

  beforeAll(async () => {
    user = await signUp();
    const [session] = await listUserSessions(user.userId);
    mine = await seedOwned(user.cookie, user.userId, session!.id);
  });

  it("the notebook made while signed in belongs to the account", async () => {
    expect(await findOwnedNotebook(user.userId, mine.id)).not.toBeNull();
    expect(await findOwnedNotebook(user.browserOwner, mine.id)).toBeNull();
  });

  it("another signed-in user gets 404 on every resource route, and nothing changes", async () => {
    const stranger = await signUp();
    const before = await findOwnedNotebook(user.userId, mine.id);
    const checked = await each(async (_file, pattern, method, handler) => {
      const res = await callAs(handler, method, pattern, { cookie: stranger.cookie, ids: mine });
      const text = await res.text();
      const where = `${method} ${pattern} → ${res.status} ${text.slice(0, 200)}`;
      if (ADMIN_ONLY(pattern)) expect(res.status, where).toBe(403);
      else if (pattern.includes("[")) expect(res.status, where).toBe(404);
      else {
        expect(res.status, where).toBeLessThan(500);
        expect(text, where).not.toContain(mine.id);
      }
    });
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(await findOwnedNotebook(user.userId, mine.id)).toEqual(before);
    expect(await listUserSessions(user.userId)).toHaveLength(1);
    // The admin routes refused before acting: the owner is neither disabled nor demoted, no setting saved.
    expect(await getDb().user.findUnique({ where: { id: user.userId }, select: { disabled: true } })).toEqual({
      disabled: false,
    });
    expect(await getDb().setting.findUnique({ where: { key: "userQuotaBytes" } })).toBeNull();
  });

  it("the signed-in owner's cookies without the double-submit header are refused (403) on every route", async () => {
    await each(async (_file, pattern, method, handler) => {
      if (PROBES.has(pattern)) return;
      const res = await callAs(handler, method, pattern, {
        cookie: user.cookie,
        csrf: false,
        ids: mine,
        headers: { "sec-fetch-mode": "cors", "sec-fetch-dest": "empty", "sec-fetch-site": "same-origin" },
      });
      expect(res.status, `${method} ${pattern}`).toBe(403);
    });
    expect(await listUserSessions(user.userId)).toHaveLength(1);
  });

  it("a disabled user's live session is refused (403) on every route but the probes and the way in", async () => {
    const disabled = await signUp();
    const nb = await createNotebook(disabled.cookie);
    const [session] = await listUserSessions(disabled.userId);
    const theirs = { ...mine, id: nb.id, cellId: nb.cells[0]?.id ?? mine.cellId, sessionId: session!.id };
    await getDb().user.update({ where: { id: disabled.userId }, data: { disabled: true } });
    await each(async (_file, pattern, method, handler) => {
      if (PROBES.has(pattern) || pattern === AUTH_DOOR) return;
      const res = await callAs(handler, method, pattern, { cookie: disabled.cookie, ids: theirs });
      const text = await res.text();
      expect(res.status, `${method} ${pattern} → ${text.slice(0, 200)}`).toBe(403);
      expect(text).toMatch(/disabled/);
    });
    expect(await findOwnedNotebook(disabled.userId, nb.id)).not.toBeNull();
  });
});
