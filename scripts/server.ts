// The production server (npm start, and the test/benchmark stack): Next's request handler for
// everything, except the agent's POST routes, which Node's http server hands straight to the same
// app/ route handlers (lib/http/node-dispatch.ts). They are on the way to every model step and
// Next's per-request machinery was most of what the proxy added (docs/adr/0002-custom-server.md).
// `npm run build` bundles it into .next/pylot-server.mjs (scripts/build-server.ts), which
// `node` runs; PORT and HOSTNAME say where to listen.
// First: Next's globals (AsyncLocalStorage among them) before any Next module loads, as next start does.
import "next/dist/server/node-environment.js";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next, { type NextConfig } from "next";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match.js";
import { dispatchToHandler, type RouteHandler } from "@/lib/http/node-dispatch";
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

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME ?? "127.0.0.1";
  const app = next({ dev: false, dir: ROOT, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const headersFor = await configHeaders();

  const server = http.createServer((req, res) => {
    if (req.method === "POST" && req.url) {
      for (const r of DIRECT) {
        const m = r.path.exec(req.url);
        if (!m) continue;
        let value: string;
        try {
          value = decodeURIComponent(m[1]!);
        } catch {
          break; // malformed escapes: Next answers them
        }
        const pathname = req.url.split("?")[0]!;
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
