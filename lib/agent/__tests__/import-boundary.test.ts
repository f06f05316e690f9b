// The agent domain does not reach into storage: nothing under lib/agent imports lib/db (the
// PostgreSQL adapter, lib/db/agent/, imports the domain, never the other way round), and the
// adapter writes no user-facing HTTP text (it answers with data; the orchestrator words errors).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** Every module specifier a file imports or re-exports, resolved to a repo path when it is ours. */
function importsOf(file: string, text = readFileSync(path.join(ROOT, file), "utf8")): string[] {
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1] ?? m[2]!);
  return specs.map((s) => {
    if (s.startsWith("@/")) return s.slice(2);
    if (s.startsWith(".")) return path.relative(ROOT, path.resolve(ROOT, path.dirname(file), s));
    return s;
  });
}

describe("import boundaries", () => {
  it("reads imports, relative ones included (the check is not vacuous)", () => {
    const file = "lib/agent/run-service.ts";
    expect(importsOf(file, `import { a } from "../db/client";\nimport type { B } from "@/lib/db/x";`)).toEqual([
      "lib/db/client",
      "lib/db/x",
    ]);
    expect(importsOf(file)).toContain("lib/agent/run-store");
  });

  it("nothing under lib/agent imports lib/db", () => {
    // This file names lib/db in its own sample above, so it is left out.
    const self = path.relative(ROOT, __filename);
    const offending = sources("lib/agent")
      .filter((f) => f !== self)
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => i === "lib/db" || i.startsWith("lib/db/"))
          .map((i) => `${f} -> ${i}`),
      );
    expect(offending).toEqual([]);
  });

  it("the PostgreSQL agent adapter imports no HTTP helpers", () => {
    const offending = sources("lib/db/agent")
      .filter((f) => !f.includes("__tests__"))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => i.startsWith("lib/http") || i.startsWith("next/"))
          .map((i) => `${f} -> ${i}`),
      );
    expect(offending).toEqual([]);
  });

  it("npm run eval and the routes start and continue runs through the same orchestrator", () => {
    const users = ["lib/eval/run-task.ts", ...sources("app/api").filter((f) => /runs\/.*route\.ts$/.test(f))];
    expect(users.length).toBeGreaterThanOrEqual(5);
    for (const f of users) {
      expect(importsOf(f), f).toContain("lib/agent/run-service");
      // Neither drives the step loop or the store on its own.
      expect(importsOf(f), f).not.toContain("lib/agent/run-step");
    }
  });
});
