// Autosave for one notebook's cells: debounced per cell, one request in flight per cell, and a
// save names the version it edited so an edit made in another tab is never silently overwritten.
// A save that failed on the way (network, 5xx) is sent again unchanged with the same
// idempotency key, so if its first attempt landed the server answers with that result, not a 409.
import type { CellDoc, CellKind } from "./cell";
import { retryDelayMs } from "./retry-delay";

/** retrying: the last attempt failed on the way (offline, server down) and will be sent again. */
export type SaveState = "saved" | "pending" | "saving" | "retrying" | "conflict" | "error";

interface Patch {
  source?: string;
  kind?: CellKind;
}

export interface SaveTransport {
  editCell(cellId: string, baseVersion: number, patch: Patch, keepalive: boolean, key: string): Promise<CellDoc>;
  newKey(): string;
}

export interface SaverEvents {
  onState(cellId: string, state: SaveState, detail?: string): void;
  onSaved(cell: CellDoc): void;
  onConflict(cellId: string, theirs: CellDoc): void;
}

interface Attempt {
  patch: Patch;
  baseVersion: number;
  key: string;
}

interface Entry {
  version: number;
  pending: Patch | null;
  /** A save that failed on the way: sent again as it was, before anything newer. */
  retry: Attempt | null;
  failures: number;
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
      this.entries.set(cellId, {
        version,
        pending: null,
        retry: null,
        failures: 0,
        timer: null,
        inflight: null,
        conflict: false,
      });
    }
  }

  /** The cell is gone: its waiting edit is dropped, and a save on its way reports nothing more. */
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
    if (e.retry) return; // goes out after the waiting retry lands; the header keeps saying so
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
    for (const e of this.entries.values()) if (e.pending || e.inflight || e.retry) return true;
    return false;
  }

  /** Sends every pending edit now (before unload: keepalive lets the request outlive the page). */
  flushAll(keepalive = false): Promise<unknown> {
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
    if (e.conflict) return;
    let attempt = e.retry;
    if (!attempt) {
      if (!e.pending) return;
      attempt = { patch: e.pending, baseVersion: e.version, key: this.transport.newKey() };
      e.pending = null;
    }
    this.events.onState(cellId, "saving");
    e.inflight = this.send(cellId, e, attempt, keepalive).finally(() => {
      e.inflight = null;
    });
    await e.inflight;
  }

  private async send(cellId: string, e: Entry, attempt: Attempt, keepalive: boolean): Promise<void> {
    try {
      const saved = await this.transport.editCell(cellId, attempt.baseVersion, attempt.patch, keepalive, attempt.key);
      // Forgotten (deleted) meanwhile: a "pending" state for an edit typed during the request
      // would never be sent, and would leave the header on "Saving…" for good.
      if (this.entries.get(cellId) !== e) return;
      e.retry = null;
      e.failures = 0;
      e.version = saved.version;
      this.events.onSaved(saved);
      this.events.onState(cellId, e.pending ? "pending" : "saved");
      // Edits typed while a retry was waiting go out now, on top of the version it wrote.
      if (e.pending && !e.timer) e.timer = setTimeout(() => void this.flush(cellId), 0);
    } catch (err) {
      if (this.entries.get(cellId) !== e) return;
      const theirs = conflictCell(err);
      const status = (err as { status?: number }).status;
      e.retry = null;
      if (theirs) {
        e.conflict = true;
        e.pending = { ...attempt.patch, ...e.pending };
        this.events.onState(cellId, "conflict");
        this.events.onConflict(cellId, theirs);
      } else if (status === undefined || status === 0 || status >= 500) {
        // Network failures and server errors are retried, the same request with the same key.
        e.retry = attempt;
        this.events.onState(cellId, "retrying", (err as Error).message);
        if (e.timer) clearTimeout(e.timer);
        e.timer = setTimeout(() => void this.flush(cellId), retryDelayMs(e.failures++));
      } else {
        // A 4xx will not get better by waiting; the edit is kept (nothing is lost) and shown.
        e.pending = { ...attempt.patch, ...e.pending };
        this.events.onState(cellId, "error", (err as Error).message);
      }
    }
  }
}

function conflictCell(err: unknown): CellDoc | null {
  const details = (err as { status?: number; details?: { cell?: CellDoc } }) ?? {};
  return details.status === 409 && details.details?.cell ? details.details.cell : null;
}
