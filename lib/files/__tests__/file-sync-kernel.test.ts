// FileSyncKernel over an in-memory kernel double: restore before any run, output files saved
// after a run and named in its result, unchanged or identical files not saved again.
import { describe, expect, it } from "vitest";
import type { Kernel, KernelStatus, RunOptions, RunResult } from "@/lib/kernel/kernel";
import type { FileEntry } from "@/lib/kernel/protocol";
import type { FileInfo } from "../file-info";
import { FileSyncKernel, sha256Hex, type FileTransport } from "../file-sync-kernel";

class MemoryKernel implements Kernel {
  fs = new Map<string, { data: Uint8Array; mtimeMs: number }>();
  log: string[] = [];
  private state: KernelStatus = { state: "starting", progress: "…" };
  private listeners = new Set<(s: KernelStatus) => void>();
  private clock = 1;
  /** What a run does to the filesystem. */
  effects = new Map<string, (fs: MemoryKernel) => void>();
  status() {
    return this.state;
  }
  set(s: KernelStatus) {
    this.state = s;
    for (const l of this.listeners) l(s);
  }
  onStatus(l: (s: KernelStatus) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  write(path: string, text: string) {
    this.fs.set(path, { data: new TextEncoder().encode(text), mtimeMs: this.clock++ });
  }
  async run(code: string, _options?: RunOptions): Promise<RunResult> {
    this.log.push(`run ${code}`);
    this.effects.get(code)?.(this);
    return { status: "ok", executionCount: 1, outputs: [], durationMs: 1 };
  }
  async interrupt() {
    return "idle" as const;
  }
  async userVariables() {
    return { names: [], count: 0 };
  }
  async restart() {
    this.set({ state: "starting", progress: "…" });
    this.fs.clear();
    this.set({ state: "ready" });
  }
  async writeFile(path: string, data: Uint8Array) {
    this.log.push(`write ${path}`);
    this.fs.set(path, { data, mtimeMs: this.clock++ });
  }
  async readFile(path: string) {
    return this.fs.get(path)!.data;
  }
  async deleteFile(path: string) {
    this.fs.delete(path);
  }
  async listFiles(dir: string): Promise<FileEntry[]> {
    return [...this.fs]
      .filter(([p]) => p.startsWith(`${dir}/`))
      .map(([path, f]) => ({ path, size: f.data.length, mtimeMs: f.mtimeMs }));
  }
  dispose() {}
}

function setup(stored: Record<string, string>) {
  const inner = new MemoryKernel();
  const files: FileInfo[] = [];
  const saved: string[] = [];
  const problems: string[] = [];
  const info = async (path: string, bytes: Uint8Array): Promise<FileInfo> => ({
    path,
    kind: path.startsWith("data/") ? "data" : "output",
    size: bytes.length,
    sha256: await sha256Hex(bytes),
    mime: "text/plain",
    updatedAt: "",
  });
  const server = new Map<string, Uint8Array>(Object.entries(stored).map(([p, t]) => [p, new TextEncoder().encode(t)]));
  const transport: FileTransport = {
    files: () => files,
    download: async (path) => {
      inner.log.push(`download ${path}`);
      return server.get(path)!;
    },
    saveOutput: async (path, bytes) => {
      saved.push(path);
      server.set(path, bytes);
      const i = await info(path, bytes);
      const at = files.findIndex((f) => f.path === path);
      if (at >= 0) files[at] = i;
      else files.push(i);
      return i;
    },
    maxFileBytes: 100,
    onProblem: (m) => problems.push(m),
  };
  return { inner, files, saved, problems, transport, server, info };
}

const wait = { awaitSavedFiles: true };

describe("FileSyncKernel", () => {
  it("restores every stored file before a run submitted during start-up", async () => {
    const t = setup({ "data/a.csv": "x,y\n", "output/old.txt": "old" });
    for (const [p, b] of t.server) t.files.push(await t.info(p, b));
    const k = new FileSyncKernel(t.inner, t.transport);
    const statuses: string[] = [];
    k.onStatus((s) => statuses.push(s.state === "starting" ? `starting:${s.progress}` : s.state));
    const run = k.run("early");
    t.inner.set({ state: "ready" });
    await run;
    expect(t.inner.log.filter((l) => !l.startsWith("download"))).toEqual([
      "write data/a.csv",
      "write output/old.txt",
      "run early",
    ]);
    expect(statuses).toContain("starting:Restoring files…");
    expect(k.status().state).toBe("ready");
    // The restored output file is not saved again by the first scan.
    expect(t.saved).toEqual([]);
  });

  it("saves new and changed output files after a run, and names them in the result", async () => {
    const t = setup({});
    const k = new FileSyncKernel(t.inner, t.transport);
    t.inner.set({ state: "ready" });
    t.inner.effects.set("write", (fs) => {
      fs.write("output/summary.csv", "a,b\n");
      fs.write("output/sub/chart.png", "png");
      fs.write("data/not-output.txt", "x");
    });
    const first = await k.run("write", wait);
    expect(first.savedFiles).toEqual(["output/summary.csv", "output/sub/chart.png"]);
    const idle = await k.run("nothing", wait);
    expect(idle.savedFiles).toBeUndefined();
    // Rewritten with identical bytes: not saved; with new bytes: saved.
    t.inner.effects.set("same", (fs) => fs.write("output/summary.csv", "a,b\n"));
    expect((await k.run("same", wait)).savedFiles).toBeUndefined();
    t.inner.effects.set("change", (fs) => fs.write("output/summary.csv", "a,b\n1,2\n"));
    expect((await k.run("change", wait)).savedFiles).toEqual(["output/summary.csv"]);
    expect(new TextDecoder().decode(t.server.get("output/summary.csv"))).toBe("a,b\n1,2\n");
  });

  it("without awaitSavedFiles the run's result comes at once and its files are saved after", async () => {
    const t = setup({});
    const k = new FileSyncKernel(t.inner, t.transport);
    t.inner.set({ state: "ready" });
    t.inner.effects.set("write", (fs) => fs.write("output/a.txt", "a"));
    const result = await k.run("write");
    expect(result.savedFiles).toBeUndefined();
    await expect.poll(() => t.saved).toEqual(["output/a.txt"]);
    expect(t.files.map((f) => f.path)).toEqual(["output/a.txt"]);
  });

  it("saves nothing outside output/ even when the listing names it (a forged worker reply)", async () => {
    const t = setup({ "data/input.csv": "real" });
    const k = new FileSyncKernel(t.inner, t.transport);
    t.inner.set({ state: "ready" });
    t.inner.effects.set("forge", (fs) => {
      fs.write("data/input.csv", "forged");
      fs.write("output/ok.txt", "ok");
    });
    // Python wrapped postMessage: the reply to "list output/" also names data/input.csv.
    const list = t.inner.listFiles.bind(t.inner);
    t.inner.listFiles = async (dir) => [...(await list(dir)), { path: "data/input.csv", size: 6, mtimeMs: 99 }];
    expect((await k.run("forge", wait)).savedFiles).toEqual(["output/ok.txt"]);
    expect(t.saved).toEqual(["output/ok.txt"]);
    expect(new TextDecoder().decode(t.server.get("data/input.csv"))).toBe("real");
    expect(t.problems).toEqual(["Not saved: data/input.csv: only files under output/ are saved from Python."]);
  });

  it("refuses to save an output file over the size limit, and says so", async () => {
    const t = setup({});
    const k = new FileSyncKernel(t.inner, t.transport);
    t.inner.set({ state: "ready" });
    t.inner.effects.set("big", (fs) => fs.write("output/big.bin", "x".repeat(101)));
    expect((await k.run("big", wait)).savedFiles).toBeUndefined();
    expect(t.problems[0]).toMatch(/output\/big.bin is larger than the limit/);
  });

  it("restores again after a restart, before the next run, from memory when unchanged", async () => {
    const t = setup({ "data/a.csv": "1" });
    for (const [p, b] of t.server) t.files.push(await t.info(p, b));
    const k = new FileSyncKernel(t.inner, t.transport);
    t.inner.set({ state: "ready" });
    await k.run("first");
    t.inner.log = [];
    await k.restart();
    await k.run("second");
    // From the page's memory: no download on a restart.
    expect(t.inner.log).toEqual(["write data/a.csv", "run second"]);
    expect(t.inner.fs.has("data/a.csv")).toBe(true);
    // A file replaced elsewhere (new sha256) is downloaded again.
    t.server.set("data/a.csv", new TextEncoder().encode("2"));
    t.files[0] = await t.info("data/a.csv", t.server.get("data/a.csv")!);
    t.inner.log = [];
    await k.restart();
    expect(t.inner.log).toEqual(["download data/a.csv", "write data/a.csv"]);
    expect(new TextDecoder().decode(t.inner.fs.get("data/a.csv")!.data)).toBe("2");
  });

  it("a dead kernel does not make runs wait forever", async () => {
    const t = setup({});
    const k = new FileSyncKernel(t.inner, t.transport);
    t.inner.set({ state: "dead", error: "boom" });
    await expect(k.run("x")).resolves.toMatchObject({ status: "ok" });
  });
});
