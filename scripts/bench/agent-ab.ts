// npm run bench:agent-ab -- <other checkout>: this checkout's production server against another
// checkout's (built), each on its own embedded PostgreSQL, one fake Anthropic for both, echo steps
// taking turns with a direct SDK call, so both sides see the same machine minute by minute. This
// VM's speed drifts by up to 2×; an A/B is how a change of 1 ms is told apart from the drift.
// A checkout with .next/pylot-server.mjs runs it; an older one runs `next start`.
// Env: BENCH_AB_REPS (300). Both servers run with this checkout's Node flags (PYLOT_NODE_FLAGS
// overrides), so the A/B compares code, not flags.
import Anthropic from "@anthropic-ai/sdk";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../db/embedded-postgres";
import { migrateDeploy } from "../db/migrate-commands";
import { freePort } from "../harness/free-port";
import { serverNodeFlags } from "../runtime/server-node-flags";
import { createNotebooks, ownerCookie, postNdjson } from "./agent-client";
import { spawnFake } from "./agent-proc";
import { row, summarize } from "./stats";

const secret = "bench-secret-0123456789abcdef0123456789";
const reps = Number(process.env.BENCH_AB_REPS ?? 300);
const warmup = 30;
const cookie = ownerCookie(secret); // one owner: its notebooks on both sides
const other = process.argv[2];
if (!other || !existsSync(path.join(other, ".next", "BUILD_ID"))) {
  console.error("usage: npm run bench:agent-ab -- <path of another checkout, built (npx next build or npm run build)>");
  process.exit(2);
}

interface Side {
  label: string;
  url: string;
  notebooks: { id: string }[];
  stop(): Promise<void>;
}

async function startSide(dir: string, fakeUrl: string): Promise<Side> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pylot-ab-"));
  const pg: EmbeddedPostgres = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "postgres"),
    port: await freePort(),
  });
  await migrateDeploy(pg.url, { migrationsDir: path.join(dir, "prisma", "migrations") });
  const port = await freePort();
  const bundle = path.join(dir, ".next", "pylot-server.mjs");
  const command = existsSync(bundle)
    ? [bundle]
    : [path.join(dir, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"];
  const env = {
    ...process.env,
    DATABASE_URL: pg.url,
    PYLOT_SECRET: secret,
    ANTHROPIC_BASE_URL: fakeUrl,
    ANTHROPIC_API_KEY: "bench-key",
    PYLOT_AGENT_RUNS_PER_MINUTE: "100000",
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
  };
  const child: ChildProcess = spawn(process.execPath, [...serverNodeFlags(), ...command], {
    cwd: dir,
    env,
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > 600) throw new Error(`the server in ${dir} did not start`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    label: `${path.basename(path.resolve(dir))} (${existsSync(bundle) ? "pylot-server.mjs" : "next start"})`,
    url,
    notebooks: await createNotebooks(url, [cookie], reps + warmup),
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const fake = await spawnFake(await freePort());
const sides: Side[] = [];
try {
  for (const dir of [process.cwd(), other]) sides.push(await startSide(dir, fake.url));
  const sdk = new Anthropic({ apiKey: "bench-key", baseURL: fake.url, logLevel: "off" });
  const body = {
    model: "claude-sonnet-5-5",
    max_tokens: 1024,
    messages: [{ role: "user" as const, content: "[scenario:echo] direct" }],
  };
  const warn = console.warn;
  console.warn = (...a: unknown[]) => void (String(a[0]).includes("is deprecated") || warn(...a));
  const direct: number[] = [];
  const totals = sides.map(() => [] as number[]);
  for (let i = 0; i < reps + warmup; i++) {
    const t0 = performance.now();
    const stream = sdk.messages.stream(body);
    await stream.finalMessage();
    if (i >= warmup) direct.push(performance.now() - t0);
    for (let k = 0; k < sides.length; k++) {
      const idx = (i + k) % sides.length; // alternate which side goes first
      const side = sides[idx]!;
      const r = await postNdjson(side.url, `/api/notebooks/${side.notebooks[i]!.id}/runs`, cookie, {
        prompt: `[scenario:echo] ab #${i}`,
        mode: "auto",
        model: "claude-sonnet-5-5",
      });
      if (r.endStatus !== "completed") throw new Error(`${side.label}: run ${i} ended ${r.endStatus ?? r.error}`);
      if (i >= warmup) totals[idx]!.push(r.totalMs);
    }
  }
  const d = summarize(direct);
  console.log(`\n== agent A/B, ${reps} echo steps each (+${warmup} warm-up), ${new Date().toISOString()} ==`);
  console.log(row("SDK direct: finalMessage", d));
  sides.forEach((s, k) => {
    const t = summarize(totals[k]!);
    console.log(row(`${s.label}: run_end`, t));
    console.log(`${"  added (p50 − direct p50)".padEnd(44)} ${(t.p50 - d.p50).toFixed(2)} ms`);
  });
} finally {
  for (const s of sides) await s.stop();
  await fake.stop();
}
process.exit(0);
