// How a WorkerKernel reaches its Python worker: a Web Worker on the page (browser-kernel.ts) or a
// worker_thread in Node (node/node-kernel.ts). The transport starts workers and builds their init;
// the queue, the pending requests, the interrupt and the restart contract are the kernel's.
import type { CoreRequest } from "@/lib/kernel/protocol";

export interface TransportEvents {
  message(data: unknown): void;
  /** The worker itself failed: a script error, a crash, an exit (out of memory included). */
  crashed(error: string): void;
}

/** An init request: each transport has its own (where Pyodide and the snapshot come from). */
export type AnyInit = { type: "init"; id: number };

export interface WorkerConnection<Init extends AnyInit = AnyInit> {
  postMessage(message: CoreRequest | Init): void;
  terminate(): void;
  /**
   * Set when the worker already got its init (id 1), e.g. the page's early worker: called once the
   * kernel waits for that init's answer, to deliver what the worker sent before the kernel listened.
   */
  replay?: () => void;
}

export interface KernelTransport<Init extends AnyInit = AnyInit> {
  /** The SIGINT cell shared with every worker; null when Python cannot be interrupted in place. */
  readonly interruptBuffer: SharedArrayBuffer | null;
  /** Starts a worker (throws when it cannot); events of a worker the kernel dropped are ignored there. */
  open(events: TransportEvents): WorkerConnection<Init>;
  /** This transport's init request for a fresh worker. */
  init(id: number): Init;
}
