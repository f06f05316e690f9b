// npm run bench:share: wrk against a shared notebook (/s/<token>: 50 cells, 10 figures) next to a
// trivial route of the same server (/api/health), alternating, in the same run. Prints throughput
// and latency percentiles of each run and the ratio; no asserts. Needs `wrk` (apt-get install wrk).
// Env: BENCH_PORT (3460), BENCH_SHARE_DURATION (10 s), BENCH_SHARE_CONNECTIONS (16),
// BENCH_SHARE_THREADS (2), BENCH_SHARE_REPEATS (3); BENCH_SHARE_SAVE_HTML=<file> keeps the page's HTML.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { startStack } from "../harness/stack";
import { benchCells } from "./share-fixture";
import { ownerSession } from "./owner-session";

const num = (name: string, fallback: number) =>
  Number.isFinite(Number(process.env[name])) && process.env[name] ? Number(process.env[name]) : fallback;
const secret = "bench-secret-0123456789abcdef0123456789";
const duration = num("BENCH_SHARE_DURATION", 10);
const connections = num("BENCH_SHARE_CONNECTIONS", 16);
const threads = num("BENCH_SHARE_THREADS", 2);
const repeats = num("BENCH_SHARE_REPEATS", 3);

try {
  execFileSync("wrk", ["--version"], { stdio: "ignore" });
} catch (err) {
  if ((err as NodeJS.ErrnoException).code === "ENOENT") {
    console.error("wrk is not installed: apt-get install -y wrk");
    process.exit(1);
  }
}

interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  errors: string;
}

function ms(value: string, unit: string): number {
  return Number(value) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;
}

function wrk(url: string): WrkResult {
  const out = execFileSync("wrk", [`-t${threads}`, `-c${connections}`, `-d${duration}s`, "--latency", url], {
    encoding: "utf8",
  });
  const pct = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? ms(m[1]!, m[2]!) : NaN;
  };
  const errors = [/Non-2xx or 3xx responses: (\d+)/, /Socket errors: (.*)/]
    .map((r) => r.exec(out)?.[0])
    .filter(Boolean)
    .join("; ");
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]), p50: pct("50"), p99: pct("99"), errors };
}

const stack = await startStack({
  port: num("BENCH_PORT", 3460),
  secret,
  env: { PYLOT_SHARE_LOOKUPS_PER_MINUTE: "1000000000" },
});
try {
  const session = ownerSession(secret);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(stack.url + path, {
      method,
      headers: { ...session.headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    // biome-ignore lint/suspicious/noExplicitAny: bench scripts read loosely typed JSON replies
    return res.json() as Promise<any>;
  };
  const { notebook } = await call("POST", "/api/notebooks", { title: "bench share" });
  const cells = benchCells(50, 10);
  const first = notebook.cells[0].id as string;
  for (const [i, c] of cells.entries()) {
    const id =
      i === 0
        ? first
        : (await call("POST", `/api/notebooks/${notebook.id}/cells`, { index: i, kind: c.kind, source: c.source })).cell
            .id;
    if (i === 0) await call("PATCH", `/api/notebooks/${notebook.id}/cells/${id}`, { baseVersion: 1, source: c.source });
    if (c.outputs.length)
      await call("PUT", `/api/notebooks/${notebook.id}/cells/${id}/outputs`, {
        outputs: c.outputs,
        executionCount: i + 1,
        durationMs: 5,
      });
  }
  const { token } = await call("POST", `/api/notebooks/${notebook.id}/shares`, {});
  const shareUrl = `${stack.url}/s/${token}`;
  const health = `${stack.url}/api/health`;
  const page = await fetch(shareUrl, { headers: { "accept-encoding": "identity" } });
  const html = await page.text();
  if (process.env.BENCH_SHARE_SAVE_HTML) writeFileSync(process.env.BENCH_SHARE_SAVE_HTML, html);
  const gzipBytes = gzipSync(html).length; // what a browser receives (the server gzips on Accept-Encoding)
  const figures = new Set(html.match(/\/s\/[\w-]+\/outputs\/[\w-]+\/\d+\?v=[\w-]+/g) ?? []).size;
  console.log(`\n== Pylot share page benchmark (${new Date().toISOString()}) ==`);
  console.log(
    `share page: HTTP ${page.status}, ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB of HTML (${(gzipBytes / 1024).toFixed(0)} KiB gzipped), ${(html.match(/data-testid="shared-cell"/g) ?? []).length} cells on the page, ${cells.length} cells, ${figures} figures served from the output route (not inlined)`,
  );
  console.log(`wrk -t${threads} -c${connections} -d${duration}s, ${repeats} alternating repeats; warm-up 3 s each`);
  execFileSync("wrk", ["-t1", "-c4", "-d3s", shareUrl], { stdio: "ignore" });
  execFileSync("wrk", ["-t1", "-c4", "-d3s", health], { stdio: "ignore" });
  const runs: { health: WrkResult; share: WrkResult }[] = [];
  for (let r = 0; r < repeats; r++) {
    const h = wrk(health);
    const s = wrk(shareUrl);
    runs.push({ health: h, share: s });
    const f = (x: WrkResult) =>
      `${x.rps.toFixed(0).padStart(6)} req/s  p50 ${x.p50.toFixed(1).padStart(6)} ms  p99 ${x.p99.toFixed(1).padStart(6)} ms${x.errors ? `  (${x.errors})` : ""}`;
    console.log(`run ${r + 1}: /api/health ${f(h)}`);
    console.log(`       /s/<token>  ${f(s)}   ratio ${(s.rps / h.rps).toFixed(3)}`);
  }
  const ratios = runs.map((r) => r.share.rps / r.health.rps).sort((a, b) => a - b);
  const p99s = runs.map((r) => r.share.p99).sort((a, b) => a - b);
  console.log(
    `share/health throughput ratio: min ${ratios[0]!.toFixed(3)}, median ${ratios[Math.floor(ratios.length / 2)]!.toFixed(3)}, max ${ratios.at(-1)!.toFixed(3)} (target ≥ 0.5)`,
  );
  console.log(
    `share p99: min ${p99s[0]!.toFixed(1)} ms, median ${p99s[Math.floor(p99s.length / 2)]!.toFixed(1)} ms, max ${p99s.at(-1)!.toFixed(1)} ms (target < 100 ms)`,
  );
} finally {
  await stack.stop();
}
process.exit(0);
