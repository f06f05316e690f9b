// BrowserKernel and packages: the package source goes into every init (restarts included),
// and package progress reaches the run's callback and the kernel status.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BrowserKernel } from "../browser-kernel";
import type { PackageSource } from "../protocol";
import { FakeWorker } from "./fake-worker";

const SOURCE: PackageSource = {
  baseURL: "https://index.example/full/",
  lockFileURL: "/pyodide/pyodide-lock.json",
  timeoutMs: 3000,
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("packages", () => {
  it("sends the package source in init, again after a restart; progress reaches the run and the status", async () => {
    const workers: FakeWorker[] = [];
    const kernel = new BrowserKernel({
      crossOriginIsolated: true,
      packages: SOURCE,
      createWorker: (url) => workers[workers.push(new FakeWorker(url)) - 1]!,
    });
    const worker = () => workers.at(-1)!;
    expect(worker().last("init").packages).toEqual(SOURCE);
    worker().ready();
    await vi.advanceTimersByTimeAsync(0);

    const progress: (string | null)[] = [];
    const finished = kernel.run("import pandas", { onPackageProgress: (m) => progress.push(m) });
    await vi.advanceTimersByTimeAsync(0);
    const { id } = worker().last("run");
    worker().emit({ type: "packageProgress", id, message: "Loading pandas, numpy… 1.0 of 12 MB" });
    expect(kernel.status()).toEqual({ state: "busy", activity: "Loading pandas, numpy… 1.0 of 12 MB" });
    worker().emit({ type: "packageProgress", id: id + 99, message: "someone else's" }); // not the active run: ignored
    worker().emit({ type: "packageProgress", id, message: null });
    expect(kernel.status()).toEqual({ state: "busy" });
    worker().done(id);
    await expect(finished).resolves.toMatchObject({ status: "ok" });
    expect(progress).toEqual(["Loading pandas, numpy… 1.0 of 12 MB", null]);

    void kernel.restart();
    await vi.advanceTimersByTimeAsync(0);
    expect(workers).toHaveLength(2);
    expect(worker().last("init").packages).toEqual(SOURCE);
    kernel.dispose();
  });

  it("rejects a malformed progress message as a protocol error", async () => {
    const worker = new FakeWorker("/w.js");
    const kernel = new BrowserKernel({ crossOriginIsolated: true, createWorker: () => worker });
    worker.ready();
    await vi.advanceTimersByTimeAsync(0);
    worker.emit({ type: "packageProgress", id: 1, message: 42 });
    expect(kernel.status()).toMatchObject({ state: "dead", error: expect.stringContaining("protocol error") });
  });
});
