// The last step of `npm run build`: scripts/server.ts and the app/ route handlers it serves
// directly, bundled into one file inside the Next build (.next/pylot-server.mjs), so the server
// runs on plain Node: no TypeScript loader thread and no transpiling at start (less memory).
// Packages stay external and load from node_modules, the same modules Next's server uses.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { withoutScripts } from "../lib/security/script-free-html";
import { SERVER_BUNDLE } from "./runtime/server-command";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

{
  const t0 = performance.now();
  await build({
    entryPoints: [path.join(ROOT, "scripts/server.ts")],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    // The bundle is server code: the `server-only` marker resolves as it does in Next's server layer.
    alias: { "server-only": path.join(ROOT, "node_modules/server-only/empty.js") },
    sourcemap: "linked",
    logLevel: "warning",
  });
  console.log(`build-server: ${path.relative(ROOT, SERVER_BUNDLE)} in ${(performance.now() - t0).toFixed(0)} ms`);
}

// The prerendered error pages cannot carry a per-request nonce: served without their scripts.
for (const page of ["server/app/_global-error.html", "server/pages/500.html"]) {
  const file = path.join(ROOT, ".next", page);
  if (existsSync(file)) writeFileSync(file, withoutScripts(readFileSync(file, "utf8")));
}
