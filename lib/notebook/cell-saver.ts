// Autosave for one notebook's cells: debounced per cell, one request in flight per cell, and a
// save names the version it edited so an edit made in another tab is never silently overwritten.
import type { CellDoc, CellKind } from "./cell";

export type SaveState = "saved" | "pending" | "saving" | "conflict" | "error";

interface Patch {
  source?: string;
  kind?: CellKind;
}

export interface SaveTransport {
  editCell(cellId: string, baseVersion: number, patch: Patch, keepalive: boolean): Promise<CellDoc>;
}

export interface SaverEvents {
  onState(cellId: string, state: SaveState, detail?: string): void;
  onSaved(cell: CellDoc): void;
  onConflict(cellId: string, theirs: CellDoc): void;
}

const RETRY_MS = 2000;

interface Entry {
  version: number;
  pending: Patch | null;
  timer: ReturnType<typeof setTimeout> | null;
  inflight: Promise<void> | null;
  conflict: boolean;
}

export class CellSaver {
  private entries = new Map<string, Entry>();

  constructor(
    private transport: SaveTransport,
    private events: SaverEvents,
    private debounceMs = 400,
  ) {}

  /** Registers a cell's saved version (on load, insert, or after a reload resolved a conflict). */
  track(cellId: string, version: number): void {
    const e = this.entries.get(cellId);
    if (e) {
      e.version = version;
      e.conflict = false;
    } else {
      this.entries.set(cellId, { version, pending: null, timer: null, inflight: null, conflict: false });
    }
  }

  forget(cellId: string): void {
    const e = this.entries.get(cellId);
    if (e?.timer) clearTimeout(e.timer);
    this.entries.delete(cellId);
  }

  /** Queues a change; typing keeps resetting the debounce, a kind change saves at once. */
  edit(cellId: string, patch: Patch, immediate = false): void {
    const e = this.entries.get(cellId);
    if (!e) return;
    e.pending = { ...e.pending, ...patch };
    if (e.conflict) return; // held until the person resolves the conflict
    this.events.onState(cellId, "pending");
    if (e.timer) clearTimeout(e.timer);
    e.timer = setTimeout(() => void this.flush(cellId), immediate ? 0 : this.debounceMs);
  }

  /** Keeps the local edit: saves it on top of the version another tab wrote. */
  overwrite(cellId: string, theirVersion: number): void {
    const e = this.entries.get(cellId);
    if (!e) return;
    e.version = theirVersion;
    e.conflict = false;
    void this.flush(cellId);
  }

  /** Takes the other tab's version and drops the local edit. */
  discard(cellId: string, theirs: CellDoc): void {
    const e = this.entries.get(cellId);
    if (!e) return;
    e.pending = null;
    e.conflict = false;
    e.version = theirs.version;
    this.events.onState(cellId, "saved");
  }

  hasUnsaved(): boolean {
    for (const e of this.entries.values()) if (e.pending || e.inflight) return true;
    return false;
  }

  /** Sends every pending edit now (before unload: keepalive lets the request outlive the page). */
  flushAll(keepalive = false): Promise<void[]> {
    return Promise.all([...this.entries.keys()].map((id) => this.flush(id, keepalive)));
  }

  async flush(cellId: string, keepalive = false): Promise<void> {
    const e = this.entries.get(cellId);
    if (!e) return;
    if (e.timer) {
      clearTimeout(e.timer);
      e.timer = null;
    }
    if (e.inflight) {
      await e.inflight; // one request at a time per cell; the next picks up what accumulated
      return this.flush(cellId, keepalive);
    }
    if (!e.pending || e.conflict) return;
    const patch = e.pending;
    e.pending = null;
    this.events.onState(cellId, "saving");
    e.inflight = this.send(cellId, e, patch, keepalive).finally(() => {
      e.inflight = null;
    });
    await e.inflight;
  }

  private async send(cellId: string, e: Entry, patch: Patch, keepalive: boolean): Promise<void> {
    try {
      const saved = await this.transport.editCell(cellId, e.version, patch, keepalive);
      e.version = saved.version;
      this.events.onSaved(saved);
      this.events.onState(cellId, e.pending ? "pending" : "saved");
    } catch (err) {
      const theirs = conflictCell(err);
      if (theirs) {
        e.conflict = true;
        e.pending = { ...patch, ...e.pending };
        this.events.onState(cellId, "conflict");
        this.events.onConflict(cellId, theirs);
      } else {
        e.pending = { ...patch, ...e.pending }; // keep the edit: nothing is lost on a failed save
        this.events.onState(cellId, "error", (err as Error).message);
        const status = (err as { status?: number }).status;
        // Network failures and server errors are retried; a 4xx will not get better by waiting.
        if (status === undefined || status >= 500) {
          e.timer = setTimeout(() => void this.flush(cellId), RETRY_MS);
        }
      }
    }
  }
}

function conflictCell(err: unknown): CellDoc | null {
  const details = (err as { status?: number; details?: { cell?: CellDoc } }) ?? {};
  return details.status === 409 && details.details?.cell ? details.details.cell : null;
}
