// `npm start` / `npm run dev`: everything Pylot needs, in order, then the Next server.
//   data dir → secret → database (embedded PostgreSQL unless DATABASE_URL) → migrations →
//   production build if stale (not with --dev) → scripts/server.ts (Next + the agent's direct
//   routes) | next dev
// Ctrl+C / SIGTERM / the server exiting: stop the server, then the database, exit with its code.
import { spawn, type ChildProcess } from "node:child_process";
import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDeploy } from "./db/migrate";
import { ensureBuild } from "./ensure-build";
import { describeEmbedded, openAppDatabase, type AppDatabase } from "./runtime/database";
import { postgresDir, resolveDataDir } from "./runtime/data-dir";
import { loadDotEnv } from "./runtime/dot-env";
import { ensureSecret } from "./runtime/secret";
import { productionServerArgs } from "./runtime/server-command";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const dev = process.argv.includes("--dev");

let db: AppDatabase | null = null;
let child: ChildProcess | null = null;
let stopping: Promise<never> | null = null;
const stopRequestedAt = new WeakMap<ChildProcess, number>();
const aborter = new AbortController();

const say = (line: string) => console.log(`pylot: ${line}`);
const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

async function main(): Promise<number> {
  const started = performance.now();
  if (loadDotEnv()) say("read .env");
  const dataDir = resolveDataDir();
  const secret = ensureSecret(dataDir);
  const secretFrom = { env: "from PYLOT_SECRET", file: "read from", generated: "generated into" }[secret.source];
  const secretFile = secret.source === "env" ? "" : ` ${show(path.join(dataDir, "secret"))}`;
  say(`data in ${show(dataDir)}; secret ${secretFrom}${secretFile} (${secs(started)})`);

  db = await openAppDatabase(dataDir);
  say(
    db.embedded
      ? describeEmbedded(db.embedded, show(postgresDir(dataDir)))
      : `using DATABASE_URL (${redact(db.url)}); no local database started`,
  );

  let t0 = performance.now();
  const { applied } = await migrateDeploy(db.url);
  say(
    applied.length
      ? `applied ${applied.length} migration(s) in ${secs(t0)}: ${applied.join(", ")}`
      : `migrations up to date (${secs(t0)})`,
  );

  const env = { ...process.env, DATABASE_URL: db.url, PYLOT_SECRET: secret.secret, NEXT_TELEMETRY_DISABLED: "1" };
  if (!dev) {
    t0 = performance.now();
    const build = await ensureBuild(env, aborter.signal);
    say(build.built ? `built the app in ${secs(t0)} (${build.reason})` : `production build up to date (${secs(t0)})`);
  }

  const port = process.env.PORT || "3000";
  const host = bindHost();
  const args = dev ? [NEXT_BIN, "dev", "-p", port, "-H", host] : productionServerArgs();
  if (stopping) return stopping;
  const mode: Record<string, string> = dev ? {} : { NODE_ENV: "production" };
  child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...env, ...mode, PORT: port, HOSTNAME: host },
  });
  const url = `http://${host === "0.0.0.0" || host === "::" ? "localhost" : host}:${port}`;
  say(`${dev ? "next dev" : "server"} (pid ${child.pid}) on ${url}, ${secs(started)} after launch`);
  const exited = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child!.once("exit", (code, signal) => resolve({ code, signal })),
  );
  child = null;
  return exited.code ?? 128 + signalNumber(exited.signal);
}

/**
 * HOSTNAME as an address to bind. Shells and Docker set HOSTNAME to the machine's name, and binding
 * that would make http://localhost unreachable, so only an IP address or "localhost" is taken.
 */
function bindHost(): string {
  const h = process.env.HOSTNAME;
  if (!h || h === "0.0.0.0") return "0.0.0.0";
  if (isIP(h) || h === "localhost") return h;
  say(`ignoring HOSTNAME=${h} (a machine name, not an address to bind); listening on all interfaces`);
  return "0.0.0.0";
}

/** Idempotent: the first caller's exit code wins, later callers wait for the same exit. */
function shutdown(code: number, reason: string): Promise<never> {
  stopping ??= (async () => {
    const t0 = performance.now();
    aborter.abort();
    if (child) await stopChild(child);
    if (db?.embedded) {
      await db.stop().catch((err: Error) => say(`stopping PostgreSQL failed: ${err.message}`));
      say(`stopped PostgreSQL (${reason}) in ${secs(t0)}`);
    }
    process.exit(code);
  })();
  return stopping;
}

function stopChild(c: ChildProcess, reason = "shutdown"): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
  const askedAt = stopRequestedAt.get(c);
  // A Ctrl+C arrives several times at once (from the terminal and relayed by npm and tsx); only a
  // later one means "stop waiting".
  if (askedAt !== undefined) {
    if (performance.now() - askedAt > 1000) c.kill("SIGKILL");
    return exited;
  }
  stopRequestedAt.set(c, performance.now());
  say(`stopping the server (${reason})`);
  const kill = setTimeout(() => c.kill("SIGKILL"), 10_000);
  // Ctrl+C already reached it (same process group); SIGTERM covers `kill <our pid>`.
  c.kill("SIGTERM");
  return exited.finally(() => clearTimeout(kill));
}

const SIGNALS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
const signalNumber = (sig: NodeJS.Signals | null) => (sig && SIGNALS[sig]) || 15;

/** A path relative to the repository when inside it. */
function show(p: string): string {
  const rel = path.relative(ROOT, p);
  return rel && !rel.startsWith("..") ? rel : p;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    // While the server runs, stopping it is enough: main() then exits with the server's code.
    if (child) return void stopChild(child, sig);
    void shutdown(128 + signalNumber(sig), sig);
  });
}

main().then(
  (code) => shutdown(code, `server exited with ${code}`),
  (err: unknown) => {
    console.error(`pylot: ${err instanceof Error ? err.message : String(err)}`);
    return shutdown((err as { exitCode?: number }).exitCode ?? 1, "error");
  },
);
