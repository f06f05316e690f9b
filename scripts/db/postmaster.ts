// What a PostgreSQL data directory says about the server running on it (postmaster.pid), and
// waiting for a server process to go away. Linux /proc is used where available; elsewhere the
// checks degrade to "alive or not".
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";

export interface PostmasterInfo {
  pid: number;
  port: number;
  /** "starting", "ready", "stopping" or "standby" (PostgreSQL ≥ 10). */
  status: string;
}

export function readPostmasterPid(dataDir: string): PostmasterInfo | null {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8");
  } catch {
    return null;
  }
  const lines = text.split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, port: Number(lines[3]), status: (lines[7] ?? "").trim() };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user (postgres, when we are not root).
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  // A zombie answers kill(0) but is gone for our purposes.
  return procStat(pid)?.state !== "Z";
}

/** True when pid is a live postgres process (not a recycled pid from before a reboot or restart). */
export function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const comm = readProc(pid, "comm");
  return comm === null || comm.trim() === "postgres";
}

/** Removes a postmaster.pid whose process is gone or is not PostgreSQL (PostgreSQL refuses to start otherwise). */
export function clearStalePidFile(dataDir: string): void {
  const info = readPostmasterPid(dataDir);
  if (info && !isPostgres(info.pid)) rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit); immediate (SIGQUIT) if it hangs. */
export async function stopPostmaster(pid: number, timeoutMs = 30_000): Promise<void> {
  if (!signal(pid, "SIGINT")) return;
  if (await waitForExit(pid, timeoutMs)) return;
  signal(pid, "SIGQUIT");
  if (!(await waitForExit(pid, 5_000))) throw new Error(`PostgreSQL (pid ${pid}) did not stop.`);
}

export function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

function procStat(pid: number): { state: string } | null {
  const stat = readProc(pid, "stat");
  if (!stat) return null;
  // The command name may contain spaces and parentheses: fields start after the last ")".
  return { state: stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? "" };
}

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
}
