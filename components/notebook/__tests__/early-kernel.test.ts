// The page's inline early-start script sends the same init the kernel would (id 1), built by the
// kernel's own code, and hands its worker over with what it buffered.
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

function runScript(isolated: boolean) {
  const posted: unknown[] = [];
  const started: { url: string; options: unknown }[] = [];
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
  const self: Record<string, unknown> = {
    crossOriginIsolated: isolated,
  };
  runInNewContext(earlyKernelScript(packages), {
    self,
    Worker: FakeWorker,
    SharedArrayBuffer,
    performance: { mark() {} },
  });
  return { posted, started, self };
}

describe("earlyKernelScript", () => {
  it("posts the kernel's own init, with the page's interrupt buffer when cross-origin isolated", () => {
    const { posted, started, self } = runScript(true);
    const opts = resolveOptions({ packages });
    expect(started).toEqual([{ url: opts.workerURL, options: { type: "module" } }]);
    expect(posted).toHaveLength(1);
    const init = posted[0] as { interruptBuffer: unknown };
    expect(init.interruptBuffer).toBeInstanceOf(SharedArrayBuffer);
    const early = self.__pylotEarlyWorker as { interruptBuffer: unknown };
    expect(early.interruptBuffer).toBe(init.interruptBuffer);
    expect(JSON.parse(JSON.stringify({ ...init, interruptBuffer: null }))).toEqual(browserInitRequest(opts, 1, null));
    expect(self.__pylotPackageSource).toEqual(packages);
  });

  it("sends no interrupt buffer when the page is not isolated, and keeps '<' out of the HTML", () => {
    const { posted } = runScript(false);
    expect((posted[0] as { interruptBuffer: unknown }).interruptBuffer).toBeNull();
    expect(earlyKernelScript(packages)).not.toContain("</script>");
  });
});
