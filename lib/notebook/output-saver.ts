// Saves each cell's outputs after a run, and keeps trying until they are stored: with the server
// or the database briefly down when a cell finishes, its outputs wait here and go out when it
// comes back. Last run wins: newer outputs for a cell replace ones still waiting. A retry is
// the same request with the same idempotency key; a new run's outputs get a new key.
import type { Output } from "./outputs";
import { retryDelayMs } from "./retry-delay";

export interface OutputRun {
  outputs: Output[];
  executionCount: number | null;
  durationMs: number | null;
}

export interface OutputSaveTransport {
  saveOutputs(cellId: string, run: OutputRun, key: string, keepalive: boolean): Promise<void>;
  newKey(): string;
}

export interface OutputSaveStatus {
  /** Cells whose latest outputs are not stored yet. */
  unsaved: number;
  /** The last attempt failed on the way (offline, server down) and will be sent again. */
  retrying: boolean;
}

export interface OutputSaverEvents {
  onStatus(status: OutputSaveStatus): void;
  /** A save the server refused (4xx other than a deleted cell): retrying will not help. */
  onRefused(message: string): void;
}

interface Entry {
  run: OutputRun;
  key: string;
  inflight: boolean;
  failures: number;
  timer: ReturnType<typeof setTimeout> | null;
}

// keepalive requests may carry at most 64 KiB in all; bigger outputs go without it.
const KEEPALIVE_BYTES = 60_000;

export class OutputSaver {
  private entries = new Map<string, Entry>();

  constructor(
    private transport: OutputSaveTransport,
    private events: OutputSaverEvents,
  ) {}

  save(cellId: string, run: OutputRun): void {
    const e = this.entries.get(cellId);
    if (e) {
      e.run = run;
      e.key = this.transport.newKey();
      e.failures = 0;
    } else {
      this.entries.set(cellId, { run, key: this.transport.newKey(), inflight: false, failures: 0, timer: null });
    }
    void this.send(cellId);
    this.report();
  }

  /** The cell was deleted: its outputs have nowhere to go. */
  forget(cellId: string): void {
    const e = this.entries.get(cellId);
    if (e?.timer) clearTimeout(e.timer);
    this.entries.delete(cellId);
    this.report();
  }

  hasUnsaved(): boolean {
    return this.entries.size > 0;
  }

  /** Sends every waiting save now (the page is being hidden or closed). */
  flushAll(keepalive = false): void {
    for (const id of this.entries.keys()) void this.send(id, keepalive);
  }

  private async send(cellId: string, keepalive = false): Promise<void> {
    const e = this.entries.get(cellId);
    if (!e || e.inflight) return;
    if (e.timer) {
      clearTimeout(e.timer);
      e.timer = null;
    }
    const { run, key } = e;
    e.inflight = true;
    try {
      const small = keepalive && JSON.stringify(run).length < KEEPALIVE_BYTES;
      await this.transport.saveOutputs(cellId, run, key, small);
      e.inflight = false;
      e.failures = 0;
      // Outputs of a newer run arrived meanwhile: they go out now; otherwise this cell is done.
      if (this.entries.get(cellId) === e && e.key !== key) return this.send(cellId);
      if (this.entries.get(cellId) === e) this.entries.delete(cellId);
    } catch (err) {
      e.inflight = false;
      const status = (err as { status?: number }).status;
      if (this.entries.get(cellId) !== e) return;
      if (status === undefined || status === 0 || status >= 500) {
        e.timer = setTimeout(() => void this.send(cellId), retryDelayMs(e.failures++));
      } else {
        this.entries.delete(cellId);
        // 404: the cell was deleted meanwhile, in this tab or another; nothing to keep.
        if (status !== 404) this.events.onRefused((err as Error).message);
      }
    } finally {
      this.report();
    }
  }

  private report(): void {
    let retrying = false;
    for (const e of this.entries.values()) if (e.failures > 0) retrying = true;
    this.events.onStatus({ unsaved: this.entries.size, retrying });
  }
}
