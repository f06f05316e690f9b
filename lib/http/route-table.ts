// Every path the server answers and the methods each takes, found on disk at start-up like the
// every-route tests find them: app/ route handlers (their exported methods), app/ pages, and
// public/ files. The custom server (scripts/server.ts) refuses any other method with a 405 and an
// Allow header before Next sees the request, whatever the method (TRACE, PROPFIND, PURGE…).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type RouteKind = "api" | "page" | "static";

export interface RouteEntry {
  /** The route as Next names it, e.g. /api/notebooks/[id]/cells/[cellId]. */
  pattern: string;
  kind: RouteKind;
  /** Methods answered (HEAD wherever GET is; OPTIONS on route handlers, which Next answers). */
  methods: string[];
  segments: Segment[];
}

type Segment =
  | { type: "static"; name: string }
  | { type: "dynamic" }
  | { type: "catch-all" }
  | { type: "optional-catch-all" }
  /** public/<dir>/…: anything below. */
  | { type: "rest" };

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
/** Standard methods Next itself answers (404 on unknown paths); any other is refused here. */
export const NEXT_METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);
const READ_ONLY = ["GET", "HEAD"];

/** The HTTP methods a route.ts source exports (export const GET = …, export async function POST…). */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  const declared = /export\s+(?:async\s+)?(?:function\s*\*?|const|let|var)\s+([A-Z]+)\b/g;
  for (const m of source.matchAll(declared)) found.add(m[1]!);
  for (const list of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of list[1]!.split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) found.add(name);
    }
  }
  return HTTP_METHODS.filter((m) => found.has(m));
}

function parseSegments(relDir: string): Segment[] {
  return relDir
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"))
    .map((s): Segment => {
      if (/^\[\[\.\.\.\w+\]\]$/.test(s)) return { type: "optional-catch-all" };
      if (/^\[\.\.\.\w+\]$/.test(s)) return { type: "catch-all" };
      if (/^\[\w+\]$/.test(s)) return { type: "dynamic" };
      return { type: "static", name: s };
    });
}

function walk(dir: string, rel: string, out: RouteEntry[]): void {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== "__tests__" && !name.startsWith("_")) walk(full, rel ? `${rel}/${name}` : name, out);
      continue;
    }
    const segments = parseSegments(rel);
    const pattern = `/${rel}`;
    if (/^route\.(ts|tsx|js|mjs)$/.test(name)) {
      const exported = exportedMethods(readFileSync(full, "utf8"));
      const methods = new Set(exported);
      if (methods.has("GET")) methods.add("HEAD");
      methods.add("OPTIONS");
      out.push({ pattern, kind: "api", methods: HTTP_METHODS.filter((m) => methods.has(m)), segments });
    } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(name)) {
      out.push({ pattern, kind: "page", methods: READ_ONLY, segments });
    }
  }
}

export function discoverRoutes(root: string): RouteEntry[] {
  const out: RouteEntry[] = [];
  const appDir = path.join(root, "app");
  if (existsSync(appDir)) walk(appDir, "", out);
  const publicDir = path.join(root, "public");
  if (existsSync(publicDir)) {
    for (const name of readdirSync(publicDir)) {
      const isDir = statSync(path.join(publicDir, name)).isDirectory();
      const segments: Segment[] = [{ type: "static", name }, ...(isDir ? [{ type: "rest" } as const] : [])];
      out.push({ pattern: `/${name}${isDir ? "/…" : ""}`, kind: "static", methods: READ_ONLY, segments });
    }
  }
  // Next's own build output and its generated icons.
  out.push({
    pattern: "/_next/…",
    kind: "static",
    methods: READ_ONLY,
    segments: [{ type: "static", name: "_next" }, { type: "rest" }],
  });
  // Static segments before dynamic ones before catch-alls, position by position (Next's precedence).
  const rank = (s: Segment) => ({ static: 0, dynamic: 1, rest: 2, "catch-all": 2, "optional-catch-all": 3 })[s.type];
  return out.sort((a, b) => {
    for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
      const ra = a.segments[i] ? rank(a.segments[i]!) : -1;
      const rb = b.segments[i] ? rank(b.segments[i]!) : -1;
      if (ra !== rb) return ra - rb;
    }
    return 0;
  });
}

/** The route that answers these (decoded) path segments, or null (Next answers 404). */
export function matchRoute(table: RouteEntry[], parts: string[]): RouteEntry | null {
  for (const entry of table) if (matches(entry.segments, parts)) return entry;
  return null;
}

function matches(segments: Segment[], parts: string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    switch (s.type) {
      case "static":
        if (parts[i] !== s.name) return false;
        break;
      case "dynamic":
        if (parts[i] === undefined || parts[i] === "") return false;
        break;
      case "catch-all":
      case "rest":
        return parts.length > i;
      case "optional-catch-all":
        return true;
      default:
        return assertNever(s);
    }
  }
  return parts.length === segments.length;
}

function assertNever(x: never): never {
  throw new Error(`unexpected segment ${JSON.stringify(x)}`);
}
