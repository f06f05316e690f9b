import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { KernelStatus, RunResult } from "../kernel";
import { BrowserKernel, type BrowserKernelOptions } from "../browser-kernel";
import { PROTOCOL_VERSION } from "../protocol";
import { FakeWorker } from "./fake-worker";

function setup(options: BrowserKernelOptions = {}) {
  const workers: FakeWorker[] = [];
  const kernel = new BrowserKernel({
    crossOriginIsolated: true,
    createWorker: (url) => {
      const w = new FakeWorker(url);
      workers.push(w);
      return w;
    },
    ...options,
  });
  const statuses: KernelStatus["state"][] = [];
  kernel.onStatus((s) => statuses.push(s.state));
  const worker = () => workers.at(-1)!;
  const interruptCell = () => new Int32Array(workers[0]!.last("init").interruptBuffer!);
  return { kernel, workers, worker, statuses, interruptCell };
}

/** Lets promise callbacks run (and fake timers advance) between steps. */
const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("start-up", () => {
  it("sends init with the protocol version, URLs and a shared interrupt buffer", async () => {
    const { kernel, worker } = setup();
    expect(worker().url).toBe("/py-worker.js");
    const init = worker().last("init");
    expect(init).toMatchObject({
      protocolVersion: PROTOCOL_VERSION,
      indexURL: "/pyodide/",
      snapshotURL: "/pyodide/snapshot.bin",
    });
    expect(init.interruptBuffer).toBeInstanceOf(SharedArrayBuffer);
    worker().emit({ type: "progress", id: init.id, message: "Restoring Python from snapshot…" });
    expect(kernel.status()).toEqual({ state: "starting", progress: "Restoring Python from snapshot…" });
    worker().ready();
    await tick();
    expect(kernel.status()).toEqual({ state: "ready" });
    expect(kernel.bootInfo()?.boot).toBe("snapshot");
  });

  it("has no interrupt buffer when the page is not cross-origin isolated", () => {
    const { worker } = setup({ crossOriginIsolated: false, snapshotURL: null });
    expect(worker().last("init")).toMatchObject({ interruptBuffer: null, snapshotURL: null });
  });

  it("dies when Python does not start within the init timeout, and runs then fail at once", async () => {
    const { kernel, worker } = setup({ initTimeoutMs: 60_000 });
    await tick(59_999);
    expect(kernel.status().state).toBe("starting");
    await tick(1);
    expect(kernel.status()).toEqual({ state: "dead", error: "Python start-up timed out after 60 s" });
    expect(worker().terminated).toBe(true);
    const result = await kernel.run("1+1");
    expect(result).toMatchObject({
      status: "error",
      executionCount: null,
      outputs: [{ output_type: "error", ename: "KernelDead" }],
    });
    await expect(kernel.readFile("x")).rejects.toThrow("the kernel is dead");
  });

  it("dies when the worker reports that init failed", async () => {
    const { kernel, worker } = setup();
    worker().emit({ type: "error", id: worker().last("init").id, message: "Python failed to start: boom" });
    await tick();
    expect(kernel.status()).toEqual({ state: "dead", error: "Python failed to start: boom" });
  });

  it("dies on a ready message from another protocol version", async () => {
    const { kernel, worker } = setup();
    worker().emit({
      type: "ready",
      id: worker().last("init").id,
      protocolVersion: 999,
      boot: "normal",
      snapshotError: null,
      bootMs: 1,
      pythonVersion: "3",
      pyodideVersion: "3",
    });
    await tick();
    expect(kernel.status()).toMatchObject({ state: "dead", error: expect.stringContaining("protocol mismatch") });
  });
});

describe("runs", () => {
  it("queues runs submitted before ready and runs them one at a time, in order", async () => {
    const { kernel, worker, statuses } = setup();
    const started: number[] = [];
    const a = kernel.run("x = 1", { onStart: (n) => started.push(n) });
    const b = kernel.run("x + 1", { onStart: (n) => started.push(n) });
    expect(worker().runs()).toEqual([]);
    worker().ready();
    await tick();
    expect(
      worker()
        .runs()
        .map((r) => [r.code, r.executionCount]),
    ).toEqual([["x = 1", 1]]);
    expect(started).toEqual([1]);
    worker().done(worker().runs()[0]!.id);
    await tick();
    expect(
      worker()
        .runs()
        .map((r) => r.executionCount),
    ).toEqual([1, 2]);
    expect(started).toEqual([1, 2]);
    worker().done(worker().runs()[1]!.id);
    expect(await a).toMatchObject({ status: "ok", executionCount: 1 });
    expect(await b).toMatchObject({ status: "ok", executionCount: 2 });
    expect(statuses).toEqual(["busy", "ready"]);
    expect(kernel.status().state).toBe("ready");
  });

  it("delivers outputs as they come and merges stream chunks in the result", async () => {
    const { kernel, worker } = setup();
    worker().ready();
    await tick();
    const seen: unknown[] = [];
    const run = kernel.run("print(1); print(2)", { onOutput: (o) => seen.push(o) });
    await tick();
    const { id } = worker().last("run");
    worker().stdout(id, "1\n");
    worker().stdout(id, "2\n");
    worker().stdout(id + 1000, "from another run\n"); // not this run: ignored
    worker().done(id);
    const result = await run;
    expect(seen).toHaveLength(2);
    expect(result.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "1\n2\n" }]);
    expect(result.durationMs).toBe(5);
  });

  it("keeps the queue moving when a UI callback throws", async () => {
    const { kernel, worker } = setup();
    worker().ready();
    await tick();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const run = kernel.run("1", {
      onStart: () => {
        throw new Error("UI bug");
      },
    });
    await tick();
    worker().done(worker().last("run").id);
    expect((await run).status).toBe("ok");
  });

  it("dies on a malformed message from the worker", async () => {
    const { kernel, worker } = setup();
    worker().ready();
    await tick();
    const run = kernel.run("1");
    await tick();
    worker().emit({ type: "output", id: worker().last("run").id, outputs: [{ output_type: "bogus" }] });
    expect(kernel.status()).toMatchObject({ state: "dead", error: expect.stringContaining("protocol error") });
    expect(await run).toMatchObject({ status: "error", outputs: [{ ename: "KernelDied" }] });
  });
});

describe("files", () => {
  it("writes and reads through the queue, after the run ahead of them", async () => {
    const { kernel, worker } = setup();
    worker().ready();
    await tick();
    const run = kernel.run("busy()");
    const write = kernel.writeFile("data/a.txt", new Uint8Array([1]));
    await tick();
    expect(worker().sent.some((m) => m.type === "writeFile")).toBe(false);
    worker().done(worker().last("run").id);
    await run;
    await tick();
    const w = worker().last("writeFile");
    expect(w).toMatchObject({ path: "data/a.txt", data: new Uint8Array([1]) });
    worker().emit({ type: "reply", id: w.id, data: null });
    await expect(write).resolves.toBeUndefined();

    const read = kernel.readFile("missing.txt");
    await tick();
    worker().emit({ type: "error", id: worker().last("readFile").id, message: "no such file or directory" });
    await expect(read).rejects.toThrow("readFile missing.txt: no such file or directory");
  });

  it("times a file operation out after fileTimeoutMs and goes on with the queue", async () => {
    const { kernel, worker } = setup({ fileTimeoutMs: 30_000 });
    worker().ready();
    await tick();
    const read = kernel.readFile("slow.bin");
    const expectation = expect(read).rejects.toThrow("readFile slow.bin timed out after 30 s");
    const run = kernel.run("1");
    await tick(30_000);
    await expectation;
    expect(worker().last("run").code).toBe("1");
    worker().done(worker().last("run").id);
    expect((await run).status).toBe("ok");
  });
});

describe("interrupt and restart", () => {
  it("interrupts through the shared buffer; the run ends as interrupted, no restart", async () => {
    const { kernel, worker, workers, interruptCell } = setup();
    worker().ready();
    await tick();
    const run = kernel.run("while True: pass");
    await tick();
    const interrupted = kernel.interrupt();
    expect(Atomics.load(interruptCell(), 0)).toBe(2);
    const { id } = worker().last("run");
    worker().emit({
      type: "output",
      id,
      outputs: [{ output_type: "error", ename: "KeyboardInterrupt", evalue: "", traceback: [] }],
    });
    worker().done(id, "interrupted");
    await interrupted;
    expect(await run).toMatchObject({ status: "interrupted", outputs: [{ ename: "KeyboardInterrupt" }] });
    expect(Atomics.load(interruptCell(), 0)).toBe(0); // cleared before the next job
    expect(workers).toHaveLength(1);
  });

  it("restarts when the run ignores the interrupt for the grace period, cancelling the queue", async () => {
    const { kernel, worker, workers } = setup({ interruptGraceMs: 3000 });
    worker().ready();
    await tick();
    const sleeping = kernel.run("time.sleep(100)");
    const queued = kernel.run("print('next')");
    await tick();
    const { id } = worker().last("run");
    worker().stdout(id, "before\n");
    const interrupted = kernel.interrupt();
    await tick(2999);
    expect(workers).toHaveLength(1);
    await tick(1);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    const result: RunResult = await sleeping;
    expect(result.status).toBe("interrupted");
    expect(result.outputs[0]).toMatchObject({ output_type: "stream", text: "before\n" });
    expect(result.outputs[1]).toMatchObject({
      output_type: "error",
      ename: "KeyboardInterrupt",
      evalue: expect.stringContaining("did not stop within 3 s"),
    });
    expect(await queued).toEqual({ status: "cancelled", executionCount: null, outputs: [], durationMs: 0 });
    expect(kernel.status().state).toBe("starting");
    worker().ready();
    await interrupted; // resolves once the new interpreter is ready
    expect(kernel.status().state).toBe("ready");
    workers[0]!.done(id); // a late answer from the terminated worker changes nothing
    const again = kernel.run("1");
    await tick();
    expect(worker().last("run").executionCount).toBe(1); // counter reset
    worker().done(worker().last("run").id);
    expect((await again).executionCount).toBe(1);
  });

  it("restarts at once when interrupts are impossible (not cross-origin isolated)", async () => {
    const { kernel, worker, workers } = setup({ crossOriginIsolated: false });
    worker().ready();
    await tick();
    const run = kernel.run("while True: pass");
    await tick();
    void kernel.interrupt();
    expect(workers).toHaveLength(2);
    expect(await run).toMatchObject({
      status: "interrupted",
      outputs: [{ ename: "KeyboardInterrupt", evalue: expect.stringContaining("not cross-origin isolated") }],
    });
  });

  it("restart(): the running cell is interrupted with a message, queued work cancelled", async () => {
    const { kernel, worker, workers, statuses } = setup();
    worker().ready();
    await tick();
    const running = kernel.run("loop()");
    const queued = kernel.run("after()");
    const file = kernel.writeFile("f.txt", new Uint8Array());
    await tick();
    const restarted = kernel.restart();
    expect(workers[0]!.terminated).toBe(true);
    expect(await running).toMatchObject({
      status: "interrupted",
      executionCount: 1,
      outputs: [{ ename: "KernelRestarted" }],
    });
    expect((await queued).status).toBe("cancelled");
    await expect(file).rejects.toThrow("writeFile f.txt: the kernel was restarted");
    worker().ready();
    await restarted;
    expect(statuses).toEqual(["ready", "busy", "starting", "ready"]);
  });

  it("restart() while starting keeps the boot under way and drops the queue", async () => {
    const { kernel, worker, workers } = setup();
    const queued = kernel.run("1");
    const restarted = kernel.restart();
    expect(workers).toHaveLength(1);
    expect((await queued).status).toBe("cancelled");
    worker().ready();
    await restarted;
    expect(kernel.status().state).toBe("ready");
  });

  it("a crashed worker is replaced at once: the run says so, the queue is cancelled, the next run works", async () => {
    const { kernel, worker, workers } = setup();
    worker().ready();
    await tick();
    const run = kernel.run("1");
    const queued = kernel.run("2");
    await tick();
    worker().stdout(worker().runs()[0]!.id, "partial\n");
    worker().crash("out of memory");
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(kernel.status()).toEqual({ state: "starting", progress: "Python crashed: restarting…" });
    // The new worker's start-up steps do not hide that it crashed.
    worker().emit({ type: "progress", id: worker().last("init").id, message: "Loading Python…" });
    expect(kernel.status()).toEqual({ state: "starting", progress: "Python crashed: restarting…" });
    const result = await run;
    expect(result.status).toBe("error");
    expect(result.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "partial\n" },
      expect.objectContaining({
        ename: "KernelCrashed",
        evalue: expect.stringMatching(
          /^Python crashed \(the Python worker crashed: out of memory\), so the interpreter was restarted: its variables and imports are gone/,
        ),
      }),
    ]);
    expect((await queued).status).toBe("cancelled");
    expect(kernel.boots).toBe(2);
    worker().ready();
    await tick();
    expect(kernel.status().state).toBe("ready");
    const next = kernel.run("3");
    await tick();
    expect(worker().runs()[0]).toMatchObject({ code: "3", executionCount: 1 });
    worker().done(worker().runs()[0]!.id);
    expect((await next).status).toBe("ok");
  });

  it("a fatal Python error reported by the worker restarts the kernel the same way", async () => {
    const { kernel, worker, workers } = setup();
    worker().ready();
    await tick();
    const run = kernel.run("f()");
    await tick();
    worker().emit({ type: "fatal", message: "RangeError: Maximum call stack size exceeded" });
    expect(workers).toHaveLength(2);
    expect(await run).toMatchObject({
      status: "error",
      outputs: [
        { ename: "KernelCrashed", evalue: expect.stringContaining("RangeError: Maximum call stack size exceeded") },
      ],
    });
    expect(kernel.status().state).toBe("starting");
  });

  it("a worker that crashes while starting leaves the kernel dead; restart() brings it back", async () => {
    const { kernel, worker, workers } = setup();
    const run = kernel.run("1");
    worker().crash("out of memory");
    expect(kernel.status()).toEqual({ state: "dead", error: "the Python worker crashed: out of memory" });
    expect(workers).toHaveLength(1);
    expect((await run).status).toBe("cancelled");
    expect(await kernel.run("2")).toMatchObject({ status: "error", outputs: [{ ename: "KernelDead" }] });
    const restarted = kernel.restart();
    expect(workers).toHaveLength(2);
    worker().ready();
    await restarted;
    expect(kernel.status().state).toBe("ready");
  });

  it("dispose() terminates the worker and settles everything", async () => {
    const { kernel, worker } = setup();
    const queued = kernel.run("1");
    kernel.dispose();
    expect(worker().terminated).toBe(true);
    expect((await queued).status).toBe("cancelled");
    expect((await kernel.run("2")).status).toBe("cancelled");
  });
});
