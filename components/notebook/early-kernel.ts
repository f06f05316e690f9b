// Python starts booting while the notebook page's JavaScript still loads: an inline script in
// the page's HTML starts the worker and sends its `init`; the kernel adopts that worker once
// React runs (use-kernel). It marks "pylot:worker-start" for start-up measurements. Its init (id 1)
// is built by the kernel's own code from BrowserKernel's default options; only the interrupt
// buffer is made in the page.
import { type AdoptedWorker, browserInitRequest, resolveOptions } from "@/lib/kernel/browser-kernel-options";
import type { PackageSource } from "@/lib/kernel/protocol";

const GLOBAL = "__pylotEarlyWorker";
/** The package source the server chose (lib/packages/config.ts), for this and later boots. */
const PACKAGES_GLOBAL = "__pylotPackageSource";

/** JSON inside an inline <script>: "<" escaped so no value can close the tag. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export const earlyKernelScript = (packages: PackageSource) => {
  const opts = resolveOptions({ packages, crossOriginIsolated: false });
  const init = browserInitRequest(opts, 1, null);
  return `(function(){try{
var p=self.${PACKAGES_GLOBAL}=${scriptJson(packages)};
if(typeof Worker==="undefined")return;
performance.mark("pylot:worker-start");
var w=new Worker(${scriptJson(opts.workerURL)},{type:"module"}),b=[],iso=self.crossOriginIsolated===true&&typeof SharedArrayBuffer!=="undefined";
var buf=iso?new SharedArrayBuffer(4):null;
function m(e){b.push(e.data)}function x(e){b.push({workerError:e.message||""})}
w.addEventListener("message",m);w.addEventListener("error",x);
var i=${scriptJson(init)};i.interruptBuffer=buf;
w.postMessage(i);
self.${GLOBAL}={worker:w,interruptBuffer:buf,buffered:b,stop:function(){w.removeEventListener("message",m);w.removeEventListener("error",x)}};
}catch(e){}})();`;
};

/** The package source the page was served with; null when the inline script did not run. */
export function pagePackageSource(): PackageSource | null {
  if (typeof window === "undefined") return null;
  return (window as unknown as Record<string, PackageSource | undefined>)[PACKAGES_GLOBAL] ?? null;
}

/** The early worker, once: the first kernel of this page load takes it. */
export function takeEarlyWorker(): AdoptedWorker | null {
  if (typeof window === "undefined") return null;
  const w = window as unknown as Record<string, AdoptedWorker | undefined>;
  const early = w[GLOBAL] ?? null;
  delete w[GLOBAL];
  return early;
}
