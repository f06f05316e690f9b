// A test double of the browser's Worker: records what the kernel posts and lets a test
// answer as py-worker.js would.
import type { WorkerLike } from "../browser-kernel";
import { PROTOCOL_VERSION, type WorkerRequest } from "../protocol";

type Listener = (event: Event) => void;

export class FakeWorker implements WorkerLike {
  readonly sent: WorkerRequest[] = [];
  terminated = false;
  private readonly listeners: Record<string, Listener[]> = { message: [], error: [], messageerror: [] };

  constructor(readonly url: string) {}

  postMessage(message: WorkerRequest): void {
    if (this.terminated) throw new Error("postMessage after terminate");
    this.sent.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(type: "message" | "error" | "messageerror", listener: Listener): void {
    this.listeners[type]!.push(listener);
  }

  /** A message from the worker (validated by the kernel like a real one). */
  emit(data: unknown): void {
    for (const l of this.listeners.message!) l({ data } as MessageEvent);
  }

  crash(message: string): void {
    for (const l of this.listeners.error!) l({ message } as ErrorEvent);
  }

  last<T extends WorkerRequest["type"]>(type: T): Extract<WorkerRequest, { type: T }> {
    const found = this.sent.filter((m) => m.type === type).at(-1);
    if (!found) throw new Error(`no ${type} request was sent`);
    return found as Extract<WorkerRequest, { type: T }>;
  }

  runs(): Extract<WorkerRequest, { type: "run" }>[] {
    return this.sent.filter((m) => m.type === "run") as Extract<WorkerRequest, { type: "run" }>[];
  }

  ready(): void {
    const init = this.last("init");
    this.emit({
      type: "ready",
      id: init.id,
      protocolVersion: PROTOCOL_VERSION,
      boot: "snapshot",
      snapshotError: null,
      bootMs: 300,
      pythonVersion: "3.14.2",
      pyodideVersion: "314.0.7",
    });
  }

  stdout(id: number, text: string): void {
    this.emit({ type: "output", id, outputs: [{ output_type: "stream", name: "stdout", text }] });
  }

  done(id: number, status: "ok" | "error" | "interrupted" = "ok"): void {
    this.emit({ type: "runDone", id, status, durationMs: 5 });
  }
}
