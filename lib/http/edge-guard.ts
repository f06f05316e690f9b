// The checks every request passes in the custom server (scripts/server.ts) before Next or a route
// handler sees it, so a malformed request is a 4xx with a clear message rather than whatever
// Next's router makes of it (a 500 for a bad percent-escape or a TRACE):
// - a request target that is not an absolute path, or a path segment whose percent-escapes do not
//   decode (%ZZ, the overlong %C0%AF), is a 400;
// - a method the path does not take is a 405 naming the ones it does in Allow (route handlers:
//   their exported methods; pages and static files: GET and HEAD).
import { matchRoute, NEXT_METHODS, type RouteEntry } from "./route-table";

export interface EdgeRefusal {
  status: 400 | 405;
  code: "bad_request" | "method_not_allowed";
  message: string;
  allow?: string;
}

export type EdgeVerdict = { ok: true; route: RouteEntry | null } | { ok: false; refusal: EdgeRefusal };

export function checkRequest(method: string, target: string, table: RouteEntry[]): EdgeVerdict {
  const rawPath = target.split("?", 1)[0]!;
  if (!rawPath.startsWith("/")) {
    return refuse({ status: 400, code: "bad_request", message: "The request target must be a path starting with /." });
  }
  const parts: string[] = [];
  for (const raw of rawPath.split("/").slice(1)) {
    try {
      parts.push(decodeURIComponent(raw));
    } catch {
      return refuse({
        status: 400,
        code: "bad_request",
        message: "The URL has a malformed percent-escape (each % must start valid UTF-8, as in %20).",
      });
    }
  }
  if (parts.at(-1) === "") parts.pop(); // a trailing slash names the same route
  const entry = matchRoute(table, parts);
  const allowed = entry?.methods ?? ["GET", "HEAD"];
  // Unknown paths: Next answers the standard methods (a 404); anything else is refused here.
  if (allowed.includes(method) || (!entry && NEXT_METHODS.has(method))) return { ok: true, route: entry };
  const what = entry ? (entry.kind === "static" ? "This file" : "This path") : "An unknown path";
  return refuse({
    status: 405,
    code: "method_not_allowed",
    message: `${what} does not take ${method}; it takes ${allowed.join(", ")}.`,
    allow: allowed.join(", "),
  });
}

function refuse(refusal: EdgeRefusal): EdgeVerdict {
  return { ok: false, refusal };
}
