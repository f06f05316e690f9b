// Requests to the worker waiting for their reply, keyed by request id. Each settles exactly
// once: by its reply, by its timeout, or when the worker goes away (rejectAll).

export class RequestTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} timed out after ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}`);
    this.name = "RequestTimeoutError";
  }
}

interface Entry {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | null;
}

export class PendingRequests {
  private readonly entries = new Map<number, Entry>();

  /** Registers request `id`; timeoutMs null means it waits until settled or rejectAll. */
  add<T>(id: number, what: string, timeoutMs: number | null): Promise<T> {
    if (this.entries.has(id)) throw new Error(`request id ${id} is already pending`);
    return new Promise<T>((resolve, reject) => {
      const timer =
        timeoutMs === null
          ? null
          : setTimeout(() => this.reject(id, new RequestTimeoutError(what, timeoutMs)), timeoutMs);
      this.entries.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
    });
  }

  has(id: number): boolean {
    return this.entries.has(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Returns false when nothing waits for `id` (late reply after a timeout, or a stale worker). */
  resolve(id: number, value: unknown): boolean {
    const entry = this.take(id);
    entry?.resolve(value);
    return entry !== undefined;
  }

  reject(id: number, error: Error): boolean {
    const entry = this.take(id);
    entry?.reject(error);
    return entry !== undefined;
  }

  rejectAll(error: Error): void {
    for (const id of [...this.entries.keys()]) this.reject(id, error);
  }

  private take(id: number): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.timer !== null) clearTimeout(entry.timer);
    return entry;
  }
}
