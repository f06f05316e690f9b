// The production server (npm start, and the test/benchmark stack): Next's request handler for
// everything, except the agent's POST routes, which Node's http server hands straight to the same
// app/ route handlers (lib/http/node-dispatch.ts). They are on the way to every model step and
// Next's per-request machinery was most of what the proxy added (docs/adr/0002-custom-server.md).
// Every request first passes the edge checks (lib/http/edge-guard.ts: a malformed path is a 400, a
// method the path does not take a 405 with Allow), then gets the client address its rate limits key
// on (lib/security/client-address.ts, decided here because only this server sees the socket), and,
// unless it is a static file, a CSP nonce: pages the proxy does not run for (a 404 under /api/ or
// /s/, error pages) still render nonced scripts under a policy that allows them.
// `npm run build` bundles it into .next/pylot-server.mjs (scripts/build-server.ts), which
// `node` runs; PORT and HOSTNAME say where to listen.
// First: Next's globals (AsyncLocalStorage among them) before any Next module loads, as next start does.
import "next/dist/server/node-environment.js";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next, { type NextConfig } from "next";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match.js";
import { checkRequest, type EdgeRefusal } from "@/lib/http/edge-guard";
import { dispatchToHandler, type RouteHandler } from "@/lib/http/node-dispatch";
import { discoverRoutes } from "@/lib/http/route-table";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, trustedProxyHops } from "@/lib/security/client-address";
import { contentSecurityPolicy, newNonce } from "@/lib/security/content-security-policy";
import * as startRun from "@/app/api/notebooks/[id]/runs/route";
import * as observations from "@/app/api/runs/[runId]/observations/route";
import * as resume from "@/app/api/runs/[runId]/resume/route";
import * as stop from "@/app/api/runs/[runId]/stop/route";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The routes served directly, with the app/ module that defines each (same paths as the folders). */
const DIRECT: { method: string; path: RegExp; param: string; handler: RouteHandler }[] = [
  {
    method: "POST",
    path: /^\/api\/notebooks\/([^/?#]+)\/runs(?:\?.*)?$/,
    param: "id",
    handler: startRun.POST as RouteHandler,
  },
  {
    method: "POST",
    path: /^\/api\/runs\/([^/?#]+)\/observations(?:\?.*)?$/,
    param: "runId",
    handler: observations.POST as RouteHandler,
  },
  {
    method: "POST",
    path: /^\/api\/runs\/([^/?#]+)\/resume(?:\?.*)?$/,
    param: "runId",
    handler: resume.POST as RouteHandler,
  },
  {
    method: "POST",
    path: /^\/api\/runs\/([^/?#]+)\/stop(?:\?.*)?$/,
    param: "runId",
    handler: stop.POST as RouteHandler,
  },
];

/** next.config.js headers() as Next applies them: every matching rule, later ones winning. */
async function configHeaders(): Promise<(pathname: string) => [string, string][]> {
  const configFile: string = path.join(ROOT, "next.config.js");
  const nextConfig = ((await import(configFile)) as { default: NextConfig }).default;
  const rules = (await nextConfig.headers?.()) ?? [];
  const compiled = rules.map((r) => ({ match: getPathMatch(r.source), headers: r.headers }));
  return (pathname) => {
    const out = new Map<string, [string, string]>();
    for (const rule of compiled) {
      if (rule.match(pathname) === false) continue;
      for (const h of rule.headers) out.set(h.key.toLowerCase(), [h.key, h.value]);
    }
    return [...out.values()];
  };
}

/** Replaces a request header (any copies the client sent included) for Next and the direct routes. */
function setRequestHeader(req: IncomingMessage, name: string, value: string): void {
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i]!.toLowerCase() === name) raw.splice(i, 2);
  raw.push(name, value);
  req.headers[name] = value;
}

function sendRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  refusal: EdgeRefusal,
  headers: [string, string][],
): void {
  res.statusCode = refusal.status;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.setHeader("cache-control", "no-store");
  if (refusal.allow) res.setHeader("allow", refusal.allow);
  const api = req.url?.startsWith("/api/");
  res.setHeader("content-type", api ? "application/json" : "text/plain; charset=utf-8");
  const body = api ? JSON.stringify({ error: { code: refusal.code, message: refusal.message } }) : refusal.message;
  res.end(req.method === "HEAD" ? undefined : body);
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME ?? "127.0.0.1";
  const app = next({ dev: false, dir: ROOT, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const configured = await configHeaders();
  const headersFor = (pathname: string): [string, string][] => {
    try {
      return configured(pathname);
    } catch {
      return configured("/");
    }
  };
  const routes = discoverRoutes(ROOT);
  const hops = trustedProxyHops();

  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    const verdict = checkRequest(req.method ?? "GET", url, routes);
    if (!verdict.ok) {
      sendRefusal(req, res, verdict.refusal, headersFor(url.split("?", 1)[0]!));
      return;
    }
    setRequestHeader(
      req,
      CLIENT_ADDRESS_HEADER,
      resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops),
    );
    if (verdict.route?.kind !== "static") {
      // The proxy replaces both with its own on the pages it runs for. A route handler's response
      // keeps its own CSP (the share page's `script-src 'none'`): Next never replaces a header
      // already set on the outgoing response, so the page policy is set only for pages and for
      // paths no route matches (Next's 404 page).
      const nonce = newNonce();
      const csp = contentSecurityPolicy(nonce);
      setRequestHeader(req, "x-nonce", nonce);
      setRequestHeader(req, "content-security-policy", csp);
      if (verdict.route?.kind !== "api") res.setHeader("content-security-policy", csp);
    }
    if (req.method === "POST") {
      for (const r of DIRECT) {
        const m = r.path.exec(url);
        if (!m) continue;
        const pathname = url.split("?")[0]!;
        // The edge check above decoded every segment, so this cannot throw.
        const value = decodeURIComponent(m[1]!);
        void dispatchToHandler(req, res, r.handler, { [r.param]: value }, { headers: headersFor(pathname) });
        return;
      }
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  console.log(`pylot server: listening on http://${hostname}:${port}`);
  const close = () => {
    server.close();
    process.exit(0);
  };
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
}

await main();
