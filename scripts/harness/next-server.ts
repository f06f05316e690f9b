// Starts the real production server (scripts/server.ts: Next, plus the agent's direct routes) as a
// child process and waits until it answers.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { productionServerArgs } from "../runtime/server-command";
import { serverNodeFlags } from "../runtime/server-node-flags";

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * PYLOT_SERVER_ROOT: another checkout whose production build to serve instead of this one's (to run
 * this checkout's tests against an older build; the stack then applies that checkout's migrations).
 */
export function otherServerRoot(): string | undefined {
  return process.env.PYLOT_SERVER_ROOT ? path.resolve(process.env.PYLOT_SERVER_ROOT) : undefined;
}

function serverArgs(env: Record<string, string | undefined>): string[] {
  const root = otherServerRoot();
  if (!root) return productionServerArgs(env);
  return [...serverNodeFlags(env), "--enable-source-maps", path.join(root, ".next", "pylot-server.mjs")];
}

export async function startServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, serverArgs({ ...process.env, ...env }), {
    env: {
      ...process.env,
      ...env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => {
    log += d;
    if (process.env.PYLOT_E2E_VERBOSE) process.stderr.write(d);
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => log);
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not answer within 60 s:\n${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
