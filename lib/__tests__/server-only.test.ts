// Server modules carry the `server-only` marker, so a client component that imports one (and with
// it the database, the API key or the signing secret) fails the Next build instead of shipping it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (name === "generated" || name === "__tests__") return [];
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return rel.endsWith(".ts") ? [rel] : [];
  });
}

const SERVER_MODULES = [
  ...sources("lib/db"),
  "lib/agent/anthropic-client.ts",
  "lib/agent/models/model-catalog.ts",
  "lib/sharing/share-page-response.ts",
  "lib/sharing/share-page-cache.ts",
  "lib/sharing/share-lookup-limit.ts",
  "lib/http/route.ts",
  "lib/http/node-dispatch.ts",
];

describe("server-only", () => {
  it.each(SERVER_MODULES)("%s is marked", (file) => {
    expect(readFileSync(path.join(ROOT, file), "utf8")).toMatch(/^import "server-only";$/m);
  });

  it("no client component imports a marked module at run time (type imports are erased)", () => {
    const marked = new Set(SERVER_MODULES.map((f) => `@/${f.replace(/\.ts$/, "")}`));
    const offenders = sources("components")
      .concat(sources("lib/client"))
      .concat(
        readdirSync(path.join(ROOT, "components"), { recursive: true, encoding: "utf8" })
          .filter((f) => f.endsWith(".tsx"))
          .map((f) => path.join("components", f)),
      )
      .filter((f) => readFileSync(path.join(ROOT, f), "utf8").includes('"use client"'))
      .flatMap((f) =>
        [...readFileSync(path.join(ROOT, f), "utf8").matchAll(/^import (?!type )[^;]*from "([^"]+)"/gm)]
          .map((m) => m[1]!)
          .filter((spec) => marked.has(spec))
          .map((spec) => `${f} → ${spec}`),
      );
    expect(offenders).toEqual([]);
  });
});
