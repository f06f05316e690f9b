// Python starts booting while the notebook page's JavaScript still loads: an inline script in
// the page's HTML starts the worker and sends its `init`; the kernel adopts that worker once
// React runs (use-kernel). It marks "pylot:worker-start" for start-up measurements. Its init (id 1)
// is built by the kernel's own code from BrowserKernel's default options; only the interrupt
// buffer is made in the page.
//
// On a visible page the worker waits for the first contentful paint: fetching and compiling
// Pyodide's ~10 MB of WebAssembly took the CPU the first frame needed (on two cores, a cold load's
// paint came ~0.2 s after its layout), and the cells are editable from that paint. The kernel
// asking for the worker first (takeEarlyWorker), a hidden page, or FIRST_PAINT_WAIT_MS start it at once.
import { type AdoptedWorker, browserInitRequest, resolveOptions } from "@/lib/kernel/browser-kernel-options";
import type { PackageSource } from "@/lib/kernel/protocol";

const GLOBAL = "__pylotEarlyWorker";
/** The package source the server chose (lib/packages/config.ts), for this and later boots. */
const PACKAGES_GLOBAL = "__pylotPackageSource";

/** JSON inside an inline <script>: "<" escaped so no value can close the tag. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/** Longest the worker waits for the first paint (a page that never paints still gets Python). */
const FIRST_PAINT_WAIT_MS = 1000;

export const earlyKernelScript = (packages: PackageSource) => {
  const opts = resolveOptions({ packages, crossOriginIsolated: false });
  const init = browserInitRequest(opts, 1, null);
  return `(function(){try{
var p=self.${PACKAGES_GLOBAL}=${scriptJson(packages)};
if(typeof Worker==="undefined")return;
var s=null;
function start(){if(s)return s;
performance.mark("pylot:worker-start");
var w=new Worker(${scriptJson(opts.workerURL)},{type:"module"}),b=[],iso=self.crossOriginIsolated===true&&typeof SharedArrayBuffer!=="undefined";
var buf=iso?new SharedArrayBuffer(4):null;
function m(e){b.push(e.data)}function x(e){b.push({workerError:e.message||""})}
w.addEventListener("message",m);w.addEventListener("error",x);
var i=${scriptJson(init)};i.interruptBuffer=buf;
w.postMessage(i);
s={worker:w,interruptBuffer:buf,buffered:b,stop:function(){w.removeEventListener("message",m);w.removeEventListener("error",x)}};
return s}
self.${GLOBAL}={take:start};
var P=self.PerformanceObserver,d=self.document;
if(!P||!d||d.visibilityState!=="visible"||(P.supportedEntryTypes||[]).indexOf("paint")<0){start();return}
new P(function(l,o){if(l.getEntriesByName("first-contentful-paint").length){o.disconnect();start()}}).observe({type:"paint",buffered:true});
setTimeout(start,${FIRST_PAINT_WAIT_MS});
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
  const w = window as unknown as Record<string, { take(): AdoptedWorker } | undefined>;
  const early = w[GLOBAL];
  delete w[GLOBAL];
  return early ? early.take() : null;
}
