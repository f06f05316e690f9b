// Builds node-py-worker.ts into one .mjs file a worker_thread can start, whatever loads this module
// (tsx, vitest, a bundled script): esbuild takes tens of ms, and the file is named by the hash of
// its contents, so concurrent kernels and processes share it and a stale one is never started.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROTOCOL_VERSION } from "../protocol";

let bundled: Promise<string> | null = null;

export function nodeWorkerFile(root: string): Promise<string> {
  bundled ??= buildBundle(root).catch((e: unknown) => {
    bundled = null;
    throw e;
  });
  return bundled;
}

async function buildBundle(root: string): Promise<string> {
  const result = await build({
    entryPoints: [join(root, "lib/kernel/node/node-py-worker.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    loader: { ".py": "text" },
    define: { __PYLOT_PROTOCOL_VERSION__: String(PROTOCOL_VERSION) },
    tsconfig: join(root, "tsconfig.json"),
    write: false,
    logLevel: "warning",
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const dir = join(tmpdir(), "pylot-node-kernel");
  const file = join(dir, `node-py-worker-${hash}.mjs`);
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  )
    return file;
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, code);
  await rename(tmp, file);
  return file;
}
