// The Kernel of the notebook page: the one kernel client (worker-kernel.ts) over a module Web
// Worker, which may be the worker the page's inline script started early (early-kernel.ts).
import {
  browserInitRequest,
  resolveOptions,
  type AdoptedWorker,
  type BrowserKernelOptions,
  type ResolvedOptions,
} from "@/lib/kernel/browser-kernel-options";
import type { InitRequest } from "@/lib/kernel/protocol";
import type { KernelTransport, TransportEvents, WorkerConnection } from "@/lib/kernel/kernel-transport";
import { type BootReport, WorkerKernel } from "@/lib/kernel/worker-kernel";

export type { BrowserKernelOptions, WorkerLike } from "@/lib/kernel/browser-kernel-options";

export class BrowserKernel extends WorkerKernel<InitRequest> {
  constructor(options: BrowserKernelOptions = {}) {
    const opts = resolveOptions(options);
    super(new WebWorkerTransport(opts), opts);
  }

  /** How the current interpreter booted (snapshot or not, timings); null until ready. */
  bootInfo(): BootReport | null {
    return this.bootReport();
  }
}

class WebWorkerTransport implements KernelTransport<InitRequest> {
  readonly interruptBuffer: SharedArrayBuffer | null;
  private adopt: AdoptedWorker | null;

  constructor(private readonly opts: ResolvedOptions) {
    const isolated = opts.crossOriginIsolated && typeof SharedArrayBuffer !== "undefined";
    this.interruptBuffer = isolated ? (opts.adopt?.interruptBuffer ?? new SharedArrayBuffer(4)) : null;
    // An early worker already got its init (id 1) with an interrupt buffer; usable if it is ours.
    this.adopt = opts.adopt;
  }

  init(id: number) {
    return browserInitRequest(this.opts, id, this.interruptBuffer);
  }

  open(events: TransportEvents): WorkerConnection<InitRequest> {
    const adopt = this.adopt;
    this.adopt = null; // the first boot only
    const usable = adopt !== null && (adopt.interruptBuffer === null) === (this.interruptBuffer === null);
    if (adopt && !usable) {
      adopt.stop();
      adopt.worker.terminate();
    }
    const worker = usable ? adopt.worker : this.opts.createWorker(this.opts.workerURL);
    const crashText = (message: string) =>
      `the Python worker crashed: ${message || `script error (failed to load ${this.opts.workerURL}?)`}`;
    worker.addEventListener("message", (e) => events.message((e as MessageEvent).data));
    worker.addEventListener("error", (e) => events.crashed(crashText((e as ErrorEvent).message)));
    worker.addEventListener("messageerror", () => events.crashed("a message from the Python worker could not be read"));
    const conn: WorkerConnection<InitRequest> = {
      postMessage: (message) => worker.postMessage(message),
      terminate: () => worker.terminate(),
    };
    if (usable)
      conn.replay = () => {
        adopt.stop();
        for (const data of adopt.buffered.splice(0)) {
          const crashed = (data as { workerError?: unknown } | null)?.workerError;
          if (typeof crashed === "string") events.crashed(crashText(crashed));
          else events.message(data);
        }
      };
    return conn;
  }
}
