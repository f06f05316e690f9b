// Loads Prisma's wasm schema engine (the native one cannot be downloaded offline). The JS glue comes
// from @prisma/schema-engine-wasm; the wasm preferably from the prisma CLI package itself, which is
// the engine build matching the installed CLI (same exports, so the same glue drives it).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

export type SchemaEngine = glue.SchemaEngine;

interface PanicRegistry {
  message: string;
  set_message(m: string): void;
}
const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };

let loaded: string | null = null;

/** Instantiates the wasm once per process; returns where it came from. */
export function loadSchemaEngineWasm(): string {
  if (loaded) return loaded;
  // A Rust panic surfaces as "RuntimeError: unreachable"; its text only reaches this registry.
  registry.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: "",
    set_message(m) {
      this.message = m;
    },
  };
  const wasmPath = wasmFile();
  const module = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": gluedImports() });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  loaded = wasmPath;
  return wasmPath;
}

/**
 * The engine arms 10 s timers (timeouts around its database calls) and never clears them, so every
 * command would keep the process alive for 10 s after it finished. Unref them: while a command
 * runs, its open database connections keep the process alive anyway.
 */
function gluedImports(): WebAssembly.ModuleImports {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, fn] of Object.entries(imports)) {
    if (!name.startsWith("__wbg_setTimeout_") || typeof fn !== "function") continue;
    imports[name] = (...args: unknown[]) => {
      const timer = fn(...args) as { unref?: () => void } | undefined;
      timer?.unref?.();
      return timer;
    };
  }
  return imports as WebAssembly.ModuleImports;
}

function wasmFile(): string {
  const require = createRequire(import.meta.url);
  const cli = path.join(path.dirname(require.resolve("prisma/package.json")), "build/schema_engine_bg.wasm");
  if (existsSync(cli)) return cli;
  return path.join(
    path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
    "schema_engine_bg.wasm",
  );
}

/** The panic message behind a RuntimeError from the engine, if any (cleared on read). */
export function takePanicMessage(): string | null {
  const r = registry.PRISMA_WASM_PANIC_REGISTRY;
  if (!r?.message) return null;
  const m = r.message;
  r.message = "";
  // The instance is unusable after a panic: load afresh next time.
  loaded = null;
  return m;
}

export async function openSchemaEngine(
  schema: { path: string; content: string },
  adapter: object,
): Promise<SchemaEngine> {
  loadSchemaEngineWasm();
  const log = process.env.PYLOT_MIGRATE_DEBUG ? (line: string) => console.error(`[schema-engine] ${line}`) : () => {};
  return glue.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, adapter);
}

export const schemaEngineVersion = (): string => {
  loadSchemaEngineWasm();
  return glue.version();
};
