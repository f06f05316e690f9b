// Process helpers for the agent benchmark: the fake Anthropic server in its own process (so its
// CPU is not the client's), and RSS sampling of the Next server process tree via /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

export interface FakeProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function spawnFake(port: number): Promise<FakeProcess> {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  const child: ChildProcess = spawn(
    process.execPath,
    [tsx, "e2e/fake-anthropic/cli.ts", "--port", String(port), "--quiet"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`fake-anthropic exited (${code})`)));
    createInterface({ input: child.stdout! }).once("line", (line) => resolve(line.trim()));
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function statusField(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The pid and all its descendants (next start may fork a worker that does the serving). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim().slice(0, 100);
  } catch {
    return "?";
  }
}

export const rssMb = (pid: number) => statusField(pid, "VmRSS");

/** CPU seconds (user + system) the process has used, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}
export const hwmMb = (pid: number) => statusField(pid, "VmHWM");

/** Samples VmRSS of every process in the tree every `everyMs`; stop() returns the peak per pid. */
export function sampleRss(root: number, everyMs = 100): { stop(): Map<number, { peak: number; samples: number }> } {
  const pids = processTree(root);
  const peaks = new Map<number, { peak: number; samples: number }>(pids.map((p) => [p, { peak: 0, samples: 0 }]));
  const tick = () => {
    for (const p of pids) {
      const v = rssMb(p);
      const e = peaks.get(p)!;
      if (Number.isFinite(v)) {
        e.peak = Math.max(e.peak, v);
        e.samples++;
      }
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return peaks;
    },
  };
}
