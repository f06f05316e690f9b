// The page's inline early-start script sends the same init the kernel would (id 1), built by the
// kernel's own code, and hands its worker over with what it buffered. A visible page starts the
// worker after its first contentful paint (or when the kernel asks first, or after a timeout).
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { browserInitRequest, resolveOptions } from "@/lib/kernel/browser-kernel-options";
import type { PackageSource } from "@/lib/kernel/protocol";
import { earlyKernelScript } from "../early-kernel";

const packages: PackageSource = {
  baseURL: "/packages/</script>/",
  lockFileURL: "/packages/lock.json",
  timeoutMs: 5000,
};

type Early = { take(): { interruptBuffer: unknown; worker: unknown } };

/** Runs the script in a fresh context; `page` gives it a visible document that can paint. */
function runScript(isolated: boolean, page?: { paintEntries: string[] }) {
  const posted: unknown[] = [];
  const started: { url: string; options: unknown }[] = [];
  const marks: string[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const observers: ((names: string[]) => void)[] = [];
  class FakeWorker {
    constructor(url: string, options: unknown) {
      started.push({ url, options });
    }
    addEventListener() {}
    removeEventListener() {}
    postMessage(message: unknown) {
      posted.push(message);
    }
  }
  class FakeObserver {
    static supportedEntryTypes = ["paint"];
    private on = true;
    constructor(private cb: (list: { getEntriesByName(n: string): unknown[] }, obs: FakeObserver) => void) {}
    observe() {
      const deliver = (names: string[]) => {
        if (this.on) this.cb({ getEntriesByName: (n) => names.filter((x) => x === n) }, this);
      };
      observers.push(deliver);
      // buffered: true delivers paints that happened before the script ran.
      if (page?.paintEntries.length) deliver(page.paintEntries);
    }
    disconnect() {
      this.on = false;
    }
  }
  const self: Record<string, unknown> = {
    crossOriginIsolated: isolated,
    ...(page ? { PerformanceObserver: FakeObserver, document: { visibilityState: "visible" } } : {}),
  };
  runInNewContext(earlyKernelScript(packages), {
    self,
    Worker: FakeWorker,
    SharedArrayBuffer,
    performance: { mark: (n: string) => marks.push(n) },
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
  });
  const early = () => self.__pylotEarlyWorker as Early;
  const paint = (...names: string[]) => {
    for (const o of observers) o(names);
  };
  return { posted, started, self, marks, timers, early, paint };
}

describe("earlyKernelScript", () => {
  it("posts the kernel's own init, with the page's interrupt buffer when cross-origin isolated", () => {
    const { posted, started, self } = runScript(true);
    const opts = resolveOptions({ packages });
    expect(started).toEqual([{ url: opts.workerURL, options: { type: "module" } }]);
    expect(posted).toHaveLength(1);
    const init = posted[0] as { interruptBuffer: unknown };
    expect(init.interruptBuffer).toBeInstanceOf(SharedArrayBuffer);
    const early = (self.__pylotEarlyWorker as Early).take();
    expect(early.interruptBuffer).toBe(init.interruptBuffer);
    expect(JSON.parse(JSON.stringify({ ...init, interruptBuffer: null }))).toEqual(browserInitRequest(opts, 1, null));
    expect(self.__pylotPackageSource).toEqual(packages);
  });

  it("sends no interrupt buffer when the page is not isolated, and keeps '<' out of the HTML", () => {
    const { posted } = runScript(false);
    expect((posted[0] as { interruptBuffer: unknown }).interruptBuffer).toBeNull();
    expect(earlyKernelScript(packages)).not.toContain("</script>");
  });

  it("on a visible page, starts the worker only after the first contentful paint", () => {
    const { started, posted, marks, paint, early } = runScript(false, { paintEntries: [] });
    expect(started).toHaveLength(0);
    paint("first-paint");
    expect(started).toHaveLength(0);
    paint("first-contentful-paint");
    expect(started).toHaveLength(1);
    expect(posted).toHaveLength(1);
    expect(marks).toEqual(["pylot:worker-start"]);
    // The kernel then adopts that same worker; nothing starts twice.
    const a = early().take();
    expect(early().take()).toBe(a);
    paint("first-contentful-paint");
    expect(started).toHaveLength(1);
  });

  it("a paint that came before the script (buffered) starts it at once", () => {
    const { started } = runScript(false, { paintEntries: ["first-contentful-paint"] });
    expect(started).toHaveLength(1);
  });

  it("the kernel asking before the paint starts it then, once; so does the timeout", () => {
    const first = runScript(false, { paintEntries: [] });
    const w = first.early().take();
    expect(first.started).toHaveLength(1);
    first.paint("first-contentful-paint");
    for (const t of first.timers) t.fn();
    expect(first.started).toHaveLength(1);
    expect(first.early().take()).toBe(w);

    const second = runScript(false, { paintEntries: [] });
    expect(second.timers.map((t) => t.ms)).toEqual([1000]);
    second.timers[0]!.fn();
    expect(second.started).toHaveLength(1);
  });
});
