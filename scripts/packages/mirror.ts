// npm run pyodide:mirror -- [--from <index URL>] [--out <folder>] numpy pandas matplotlib
// Copies those packages and their dependencies into a folder the app serves when
// PYLOT_PACKAGE_INDEX_URL=local (default folder: $PYLOT_PACKAGE_MIRROR_DIR, else
// $PYLOT_DATA_DIR/pyodide-packages). The default source is the configured index
// (PYLOT_PACKAGE_INDEX_URL), else the Pyodide CDN for the installed version.
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { mirrorDir, packageSourceFromEnv, BUNDLED_LOCK_URL, CDN_INDEX_URL } from "@/lib/packages/config";
import { MirrorError, mirrorPackages, type MirrorOptions } from "@/lib/packages/mirror";

const require = createRequire(import.meta.url);

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { from: { type: "string" }, out: { type: "string" }, "timeout-ms": { type: "string" } },
  });
  const configured = packageSourceFromEnv();
  const from = values.from ?? (configured.baseURL.startsWith("/") ? CDN_INDEX_URL : configured.baseURL);
  const baseURL = from.endsWith("/") ? from : `${from}/`;
  // The CDN's lock for our exact version ships with Pyodide: read it from disk.
  const lock: MirrorOptions["lock"] =
    baseURL === CDN_INDEX_URL && configured.lockFileURL === BUNDLED_LOCK_URL
      ? { path: require.resolve("pyodide/pyodide-lock.json") }
      : { url: `${baseURL}pyodide-lock.json` };
  const outDir = values.out ?? mirrorDir();
  const t0 = performance.now();
  const result = await mirrorPackages({
    baseURL,
    lock,
    names: positionals,
    outDir,
    timeoutMs: values["timeout-ms"] ? Number(values["timeout-ms"]) : undefined,
    log: (line) => console.log(`pyodide:mirror: ${line}`),
  });
  console.log(
    `pyodide:mirror: ${result.copied.length} copied (${(result.bytes / 1e6).toFixed(1)} MB), ${result.present.length} already present, into ${outDir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(
    `pyodide:mirror: serve it with PYLOT_PACKAGE_INDEX_URL=local${values.out ? ` PYLOT_PACKAGE_MIRROR_DIR=${outDir}` : ""}`,
  );
}

main().catch((e: unknown) => {
  console.error(`pyodide:mirror: ${e instanceof MirrorError ? e.message : e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
