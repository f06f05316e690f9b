// The direct dispatcher against a real Node http server and real HTTP clients.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { NextRequest } from "next/server";
import { dispatchToHandler, type RouteHandler } from "../node-dispatch";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

async function serve(
  handler: RouteHandler,
  params: Record<string, string> = {},
  headers: [string, string][] = [],
): Promise<string> {
  const server = http.createServer((req, res) => void dispatchToHandler(req, res, handler, params, { headers }));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("dispatchToHandler", () => {
  it("gives the handler the request (method, headers, body, URL, params) and sends its answer back", async () => {
    let seen: { method: string; path: string; search: string; type: string | null; body: unknown; id: string } | null =
      null;
    const base = await serve(
      async (req: NextRequest, ctx) => {
        seen = {
          method: req.method,
          path: req.nextUrl.pathname,
          search: req.nextUrl.search,
          type: req.headers.get("content-type"),
          body: await req.json(),
          id: (await ctx.params).id!,
        };
        const res = Response.json(
          { ok: true },
          { status: 201, headers: { "x-from": "handler", "referrer-policy": "no-referrer" } },
        );
        res.headers.append("set-cookie", "a=1; Path=/");
        res.headers.append("set-cookie", "b=2; Path=/");
        return res;
      },
      { id: "nb-1" },
      [
        ["Cross-Origin-Opener-Policy", "same-origin"],
        ["Referrer-Policy", "same-origin"],
      ],
    );
    const res = await fetch(`${base}/api/notebooks/nb-1/runs?x=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"prompt":"hi"}',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    expect(seen).toEqual({
      method: "POST",
      path: "/api/notebooks/nb-1/runs",
      search: "?x=1",
      type: "application/json",
      body: { prompt: "hi" },
      id: "nb-1",
    });
    expect(res.headers.get("x-from")).toBe("handler");
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    // The handler's own header wins over the configured one, as in Next.
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });

  it("streams the body: a chunk reaches the client before the handler has written the next", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const base = await serve(async () => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode("first\n"));
          await gate;
          controller.enqueue(new TextEncoder().encode("second\n"));
          controller.close();
        },
      });
      return new Response(body, { headers: { "content-type": "application/x-ndjson" } });
    });
    const res = await fetch(`${base}/x`, { method: "POST", body: "{}" });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe("first\n");
    release();
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value);
    expect(rest).toBe("second\n");
  });

  it("aborts the request's signal and cancels the body when the client goes away", async () => {
    let signal: AbortSignal | null = null;
    let cancelled: unknown = null;
    const base = await serve(async (req) => {
      signal = req.signal;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("tick\n"));
        },
        cancel(reason) {
          cancelled = reason;
        },
      });
      return new Response(body);
    });
    const client = new AbortController();
    const res = await fetch(`${base}/x`, { method: "POST", body: "{}", signal: client.signal });
    const reader = res.body!.getReader();
    await reader.read();
    client.abort();
    await expect.poll(() => (signal as AbortSignal | null)?.aborted).toBe(true);
    await expect.poll(() => cancelled).toBe("client disconnected");
  });

  it("answers 500 with the app's error shape when a handler throws", async () => {
    const base = await serve(async () => {
      throw new Error("bug");
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const res = await fetch(`${base}/x`, { method: "POST", body: "{}" });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: "internal", message: "Something went wrong on the server." } });
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });
});
