// Today's models through the real routes, the real database and the real SDK against the fake
// (which signs every thinking block to its prefix and refuses a changed one, like the API):
// thinking blocks round-trip byte for byte through PostgreSQL, follow-ups after edits and uploads
// pass the prefix check, a model switch mid-conversation works, retired models get plain words.
import { describe, expect, it } from "vitest";
import * as models from "@/app/api/models/route";
import * as notebook from "@/app/api/notebooks/[id]/route";
import { NextRequest } from "next/server";
import * as file from "@/app/api/notebooks/[id]/files/[...path]/route";
import { csrfHeaderFrom, ctx, request } from "@/app/api/notebooks/__tests__/request";
import { canonicalJson } from "@/lib/agent/conversation";
import { clearModelCache } from "@/lib/agent/models/model-catalog";
import { db } from "@/lib/db/client";
import {
  createNotebook,
  drive,
  newOwner,
  nonce,
  readEvents,
  requestsWith,
  runEndOf,
  runOf,
  startRun,
  startRunRequest,
  useFakeAnthropic,
} from "./agent-harness";

const fake = useFakeAnthropic();

type Block = { type: string; thinking?: string; signature?: string; text?: string; cache_control?: unknown };
type Body = {
  model: string;
  thinking?: unknown;
  output_config?: unknown;
  messages: { role: string; content: Block[] }[];
};
const bodyOf = (r: { body: unknown }) => r.body as Body;
const noCache = (v: unknown) => JSON.stringify(v, (k, x) => (k === "cache_control" ? undefined : x));

async function run(cookie: string, notebookId: string, prompt: string, extra: Record<string, unknown> = {}) {
  const first = await readEvents(await startRunRequest(cookie, notebookId, { prompt, mode: "auto", ...extra }));
  return drive(cookie, first);
}

describe("agent on today's models", () => {
  it("round-trips thinking blocks byte for byte through the database; the notes stream", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const tag = nonce();
    const all = await run(cookie, nb.id, `[scenario:code-error-fix] ${tag}`);
    const end = runEndOf(all);
    expect(end.run).toMatchObject({ status: "completed", model: "claude-sonnet-5-5" });
    expect(end.finalText).toMatch(/42/);
    expect(all.some((e) => e.type === "thinking_start")).toBe(true);
    expect(
      all
        .filter((e) => e.type === "thinking_delta")
        .map((e) => (e as { text: string }).text)
        .join("").length,
    ).toBeGreaterThan(0);

    const requests = requestsWith(fake(), tag);
    expect(requests.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const r of requests) expect(bodyOf(r).thinking).toEqual({ type: "adaptive", display: "summarized" });

    // What the database holds is what the API streamed, and what went back on the next request.
    const stored = await db.message.findMany({
      where: { notebookId: nb.id },
      orderBy: { position: "asc" },
      select: { role: true, content: true },
    });
    const assistants = stored.filter((m) => m.role === "assistant").map((m) => m.content as Block[]);
    expect(assistants).toHaveLength(3);
    for (const turn of assistants) {
      expect(turn[0]).toMatchObject({ type: "thinking", signature: expect.any(String) });
      expect(turn[0]!.signature!.length).toBeGreaterThan(20);
    }
    const third = bodyOf(requests[2]!).messages;
    const sentAssistants = third.filter((m) => m.role === "assistant").map((m) => m.content);
    expect(noCache(sentAssistants)).toBe(noCache(canonicalJson(assistants.slice(0, 2))));
    expect(sentAssistants[0]![0]).toEqual(assistants[0]![0]); // thinking text and signature unchanged
    // Append-only: each request's messages begin with the previous request's, byte for byte.
    for (let i = 1; i < requests.length; i++) {
      const before = bodyOf(requests[i - 1]!).messages;
      expect(noCache(bodyOf(requests[i]!).messages.slice(0, before.length))).toBe(noCache(before));
    }
  });

  it("a follow-up after the person edited cells and uploaded a file passes the prefix check", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const tag = nonce();
    expect(runEndOf(await run(cookie, nb.id, `[scenario:follow-up] ${tag}`)).run.status).toBe("completed");
    // The person edits their cell and uploads a file between the two requests.
    const cell = nb.cells[0]!;
    await db.cell.update({
      where: { id: cell.id },
      data: { source: "y = 2  # edited", editedAt: new Date(), version: { increment: 1 } },
    });
    const bytes = new TextEncoder().encode("a,b\n1,2\n");
    const up = await file.PUT(
      new NextRequest(new URL(`/api/notebooks/${nb.id}/files/data/late.csv`, "http://localhost:3000"), {
        method: "PUT",
        headers: {
          cookie,
          "x-pylot-csrf": csrfHeaderFrom(cookie) ?? "",
          "content-type": "application/octet-stream",
          "content-length": String(bytes.length),
        },
        body: bytes,
      }),
      ctx({ id: nb.id, path: ["data", "late.csv"] }),
    );
    expect(up.status).toBeLessThan(300);

    const second = await run(cookie, nb.id, `[follow-up] ${tag} again`);
    expect(runEndOf(second).run.status).toBe("completed");
    expect(runEndOf(second).finalText).toMatch(/history ok/);
    const reqs = requestsWith(fake(), tag);
    expect(reqs.every((r) => r.status === 200)).toBe(true);
    const last = bodyOf(reqs.at(-1)!);
    // The update is appended: the new request's last user turn says what changed.
    const newTurn = last.messages.findLast(
      (m) => m.role === "user" && m.content.some((b) => b.text?.includes("<notebook_context>")),
    )!;
    expect(newTurn.content.map((b) => b.text ?? "").join("")).toMatch(/EDITED by the person/);
    expect(newTurn.content.map((b) => b.text ?? "").join("")).toMatch(/late\.csv/);
  });

  it("switching the model mid-conversation keeps working, and back again", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const tag = nonce();
    expect(runEndOf(await run(cookie, nb.id, `[scenario:code-error-fix] ${tag}`)).run.status).toBe("completed");
    const opus = await run(cookie, nb.id, `[scenario:code-error-fix] ${tag} on opus`, {
      model: "claude-opus-5-5",
      effort: "low",
    });
    expect(runEndOf(opus).run).toMatchObject({ status: "completed", model: "claude-opus-5-5", effort: "low" });
    const back = await run(cookie, nb.id, `[scenario:code-error-fix] ${tag} back`, { model: "claude-sonnet-5-5" });
    expect(runEndOf(back).run.status).toBe("completed");
    const reqs = requestsWith(fake(), tag);
    expect(reqs.every((r) => r.status === 200)).toBe(true);
    const onOpus = reqs.filter((r) => bodyOf(r).model === "claude-opus-5-5");
    expect(onOpus.length).toBeGreaterThan(0);
    for (const r of onOpus) expect(bodyOf(r).output_config).toEqual({ effort: "low" });
    // Opus 5.5 cannot read Sonnet 5.5's reasoning: the API drops those blocks, the request still succeeds.
    expect(onOpus[0]!.droppedThinking).toBeGreaterThan(0);
    expect((await getSettings(cookie, nb.id)).model).toBe("claude-sonnet-5-5");
  });

  it("an old conversation (no thinking blocks, no prompt version) resumes on today's model", async () => {
    const { cookie, id: ownerId } = newOwner();
    const nb = await createNotebook(cookie);
    await db.notebook.update({
      where: { id: nb.id },
      data: { settings: { model: "claude-sonnet-5-5", mode: "auto" } },
    });
    const old = await db.agentRun.create({
      data: {
        notebookId: nb.id,
        ownerId,
        prompt: "old",
        status: "completed",
        model: "claude-sonnet-4-5",
        finishedAt: new Date(),
      },
    });
    await db.message.createMany({
      data: [
        {
          notebookId: nb.id,
          runId: old.id,
          role: "user",
          position: 0,
          content: [
            { type: "text", text: "<notebook_context/>" },
            { type: "text", text: "set x" },
          ],
        },
        {
          notebookId: nb.id,
          runId: old.id,
          role: "assistant",
          position: 1,
          content: [
            { type: "text", text: "Setting x." },
            { type: "tool_use", id: "toolu_old1", name: "run_python", input: { code: "x = 41" } },
          ],
        },
        {
          notebookId: nb.id,
          runId: old.id,
          role: "user",
          position: 2,
          content: [
            { type: "tool_result", tool_use_id: "toolu_old1", content: [{ type: "text", text: "(no output)" }] },
          ],
        },
        {
          notebookId: nb.id,
          runId: old.id,
          role: "assistant",
          position: 3,
          content: [{ type: "text", text: "Done." }],
        },
      ],
    });
    const tag = nonce();
    const all = await run(cookie, nb.id, `[scenario:code-error-fix] ${tag}`);
    expect(runEndOf(all).run).toMatchObject({ status: "completed", model: "claude-sonnet-5-5" });
    expect((await getSettings(cookie, nb.id)).promptVersion).toBeTruthy();
  });

  it("a retired model is refused in plain words naming its replacement, never a raw 404", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const asked = await startRunRequest(cookie, nb.id, {
      prompt: `hi ${nonce()}`,
      mode: "auto",
      model: "claude-sonnet-4-5",
    });
    expect(asked.status).toBe(400);
    const body = (await asked.json()) as { error: { message: string; reason: string; replacement: string } };
    expect(body.error).toMatchObject({ reason: "model_retired", replacement: "claude-sonnet-5-5" });
    expect(body.error.message).toBe(
      "Claude Sonnet 4.5 was retired on 30 Nov 2026 and no longer answers. Switch to Claude Sonnet 5.5 to keep going.",
    );
    // A notebook saved with it says the same, and one PATCH switches it.
    await db.notebook.update({
      where: { id: nb.id },
      data: { settings: { model: "claude-sonnet-4-5", mode: "auto" } },
    });
    expect((await startRunRequest(cookie, nb.id, { prompt: `hi ${nonce()}`, mode: "auto" })).status).toBe(400);
    expect((await patch(cookie, nb.id, { settings: { model: "claude-sonnet-4-5" } })).status).toBe(400);
    expect((await patch(cookie, nb.id, { settings: { model: "claude-sonnet-5-5" } })).status).toBe(200);
    expect(runEndOf(await startRun(cookie, nb.id, `[scenario:echo] ${nonce()}`)).run.status).toBe("completed");
    expect(await db.agentRun.count({ where: { notebookId: nb.id, model: "claude-sonnet-4-5" } })).toBe(0);
  });

  it("saves model, effort and the share-notes choice; refuses bad values with a 400", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const ok = await patch(cookie, nb.id, {
      settings: { model: "claude-opus-5-5", effort: "medium", shareNotes: true },
    });
    expect(ok.status).toBe(200);
    expect(await getSettings(cookie, nb.id)).toMatchObject({
      model: "claude-opus-5-5",
      effort: "medium",
      shareNotes: true,
    });
    for (const bad of [
      { settings: { effort: "extreme" } },
      { settings: { model: "Robert'); DROP" } },
      { settings: { temperature: 1 } },
      {},
      { settings: { model: "claude-nope-1" } },
    ]) {
      expect((await patch(cookie, nb.id, bad)).status).toBe(400);
    }
    const stranger = newOwner();
    expect((await patch(stranger.cookie, nb.id, { settings: { effort: "low" } })).status).toBe(404);
    // The run uses the saved effort.
    const events = await startRun(cookie, nb.id, `[scenario:echo] ${nonce()}`);
    expect(runOf(events)).toMatchObject({ model: "claude-opus-5-5", effort: "medium" });
  });

  it("lists models from the API (never a retired one) and falls back to the table when it cannot", async () => {
    const { cookie } = newOwner();
    clearModelCache();
    const live = (await (await models.GET(request("GET", "/api/models", { cookie }), ctx({}))).json()) as {
      source: string;
      models: { id: string }[];
      defaultModel: string;
      retired: { id: string }[];
    };
    expect(live.source).toBe("api");
    expect(live.defaultModel).toBe("claude-sonnet-5-5");
    expect(live.models.map((m) => m.id)).toContain("claude-sonnet-5-5");
    expect(live.models.map((m) => m.id)).not.toContain("claude-sonnet-4-5");
    expect(live.retired.map((m) => m.id)).toContain("claude-sonnet-4-5");
    fake().setModelsUnavailable(true);
    try {
      clearModelCache();
      const offline = (await (await models.GET(request("GET", "/api/models", { cookie }), ctx({}))).json()) as {
        source: string;
        models: { id: string }[];
      };
      expect(offline.source).toBe("table");
      expect(offline.models.map((m) => m.id)).toContain("claude-sonnet-5-5");
    } finally {
      fake().setModelsUnavailable(false);
      clearModelCache();
    }
    expect((await models.GET(request("GET", "/api/models", {}), ctx({}))).status).toBe(401);
  });
});

async function patch(cookie: string, id: string, body: unknown) {
  return notebook.PATCH(request("PATCH", `/api/notebooks/${id}`, { cookie, body }), ctx({ id }));
}

async function getSettings(cookie: string, id: string): Promise<Record<string, unknown>> {
  const res = await notebook.GET(request("GET", `/api/notebooks/${id}`, { cookie }), ctx({ id }));
  return ((await res.json()) as { notebook: { settings: Record<string, unknown> } }).notebook.settings;
}
