// Serves one request from Node's http server with an App Router route handler, without Next's
// per-request machinery (routing, async context, tracing, response piping), which is most of what
// the agent proxy adds to a model step (scripts/server.ts, docs/adr/0002-custom-server.md). The handler is the same exported POST/GET the Next
// route serves; it sees a NextRequest whose signal aborts when the client goes away.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { NextRequest } from "next/server.js"; // with the extension: the bundled server (scripts/build-server.ts) runs as plain ESM

export type RouteHandler = (
  req: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface DispatchOptions {
  /** Headers every response gets before the handler's own (next.config.js headers() for this path). */
  headers?: [string, string][];
}

export async function dispatchToHandler(
  req: IncomingMessage,
  res: ServerResponse,
  handler: RouteHandler,
  params: Record<string, string>,
  options: DispatchOptions = {},
): Promise<void> {
  const gone = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) gone.abort("client disconnected");
  });
  let response: Response;
  try {
    response = await handler(toNextRequest(req, gone.signal), { params: Promise.resolve(params) });
  } catch (err) {
    // Route handlers map their own errors (lib/http/route.ts); this is a bug, answered like Next would.
    console.error(`[server] ${req.method} ${req.url} failed:`, err);
    response = Response.json(
      { error: { code: "internal", message: "Something went wrong on the server." } },
      { status: 500 },
    );
  }
  await sendResponse(response, res, options.headers ?? [], gone.signal);
}

function toNextRequest(req: IncomingMessage, signal: AbortSignal): NextRequest {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  return new NextRequest(url, {
    method: req.method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
}

async function sendResponse(
  response: Response,
  res: ServerResponse,
  base: [string, string][],
  gone: AbortSignal,
): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of base) res.setHeader(name, value);
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (!response.body) {
    res.end();
    return;
  }
  // Headers go out with the first chunk (one write, not two); each chunk is written as it comes.
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel(gone.reason).catch(() => undefined);
  gone.addEventListener("abort", cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch (err) {
    if (!gone.aborted) console.error(`[server] response body of ${res.req.method} ${res.req.url} failed:`, err);
    res.destroy();
  } finally {
    gone.removeEventListener("abort", cancel);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
