import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CellDoc } from "../cell";
import { CellSaver, type SaveState } from "../cell-saver";

const doc = (id: string, version: number, source: string): CellDoc => ({
  id,
  kind: "code",
  source,
  author: "person",
  outputs: [],
  executionCount: null,
  version,
  durationMs: null,
});

function setup(
  server: { version: number; source: string },
  failWith?: { status?: number },
  /** The first n replies are lost after the server applied the edit (a blip on the way back). */
  loseReplies = 0,
) {
  const calls: { base: number; source?: string; key: string }[] = [];
  // The server's idempotency receipts: key → the answer it gave.
  const receipts = new Map<string, CellDoc>();
  let keys = 0;
  const states: SaveState[] = [];
  const conflicts: CellDoc[] = [];
  const saver = new CellSaver(
    {
      newKey: () => `key-${++keys}`,
      editCell: async (id, base, patch, _keepalive, key) => {
        calls.push({ base, source: patch.source, key });
        if (failWith) throw Object.assign(new Error("boom"), failWith);
        const receipt = receipts.get(key);
        if (receipt) return receipt;
        if (base !== server.version)
          throw Object.assign(new Error("conflict"), {
            status: 409,
            details: { cell: doc(id, server.version, server.source) },
          });
        server.version += 1;
        server.source = patch.source ?? server.source;
        receipts.set(key, doc(id, server.version, server.source));
        if (loseReplies-- > 0) throw new Error("The connection was lost.");
        return doc(id, server.version, server.source);
      },
    },
    { onState: (_, s) => states.push(s), onSaved: () => {}, onConflict: (_, theirs) => conflicts.push(theirs) },
    100,
  );
  saver.track("c", server.version);
  return { saver, calls, states, conflicts };
}

describe("CellSaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("debounces typing into one save carrying the last text", async () => {
    const server = { version: 1, source: "" };
    const { saver, calls } = setup(server);
    saver.edit("c", { source: "a" });
    saver.edit("c", { source: "ab" });
    saver.edit("c", { source: "abc" });
    await vi.advanceTimersByTimeAsync(150);
    expect(calls).toEqual([{ base: 1, source: "abc", key: "key-1" }]);
    expect(server).toEqual({ version: 2, source: "abc" });
    expect(saver.hasUnsaved()).toBe(false);
  });

  it("a cell forgotten (deleted) while its save is on the way reports nothing more", async () => {
    let answer: (cell: CellDoc) => void = () => {};
    const sent: (string | undefined)[] = [];
    const states: SaveState[] = [];
    const saver = new CellSaver(
      {
        newKey: () => "key",
        editCell: (id, _base, patch) => {
          sent.push(patch.source);
          return new Promise<CellDoc>((resolve) => {
            answer = () => resolve(doc(id, 2, patch.source ?? ""));
          });
        },
      },
      { onState: (_, s) => states.push(s), onSaved: () => {}, onConflict: () => {} },
      100,
    );
    saver.track("c", 1);
    saver.edit("c", { source: "a" }, true);
    await vi.advanceTimersByTimeAsync(0); // the save of "a" is on its way
    saver.edit("c", { source: "ab" }); // typed meanwhile
    saver.forget("c"); // then the cell is deleted
    const before = states.length;
    answer(doc("c", 2, "a"));
    await vi.advanceTimersByTimeAsync(500);
    // No "pending" for an edit that will never be sent (the header would say "Saving…" for good).
    expect(states.slice(before)).toEqual([]);
    expect(sent).toEqual(["a"]);
    expect(saver.hasUnsaved()).toBe(false);
  });

  it("on a conflict keeps the local edit, reports theirs, and overwrites only when asked", async () => {
    const server = { version: 3, source: "theirs" };
    const { saver, calls, states, conflicts } = setup(server);
    saver.track("c", 2); // this tab loaded an older version
    saver.edit("c", { source: "mine" });
    await vi.advanceTimersByTimeAsync(150);
    expect(states.at(-1)).toBe("conflict");
    expect(conflicts[0]!.source).toBe("theirs");
    expect(server.source).toBe("theirs");
    saver.edit("c", { source: "mine, more" }); // held while in conflict
    await vi.advanceTimersByTimeAsync(150);
    expect(calls).toHaveLength(1);
    saver.overwrite("c", 3);
    await vi.advanceTimersByTimeAsync(10);
    expect(server).toEqual({ version: 4, source: "mine, more" });
  });

  it("keeps the edit after a network failure and retries", async () => {
    const server = { version: 1, source: "" };
    const { saver, calls, states } = setup(server, {});
    saver.edit("c", { source: "x" });
    await vi.advanceTimersByTimeAsync(150);
    expect(states.at(-1)).toBe("retrying");
    expect(saver.hasUnsaved()).toBe(true);
    await vi.advanceTimersByTimeAsync(2100);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    // The retry is the same request: same text, same version, same idempotency key.
    expect(calls[1]).toEqual(calls[0]);
  });

  it("a lost reply is retried with the same key: the stored result comes back, not a conflict", async () => {
    const server = { version: 1, source: "" };
    const { saver, calls, states, conflicts } = setup(server, undefined, 1);
    saver.edit("c", { source: "x" });
    await vi.advanceTimersByTimeAsync(150);
    expect(states.at(-1)).toBe("retrying");
    // Typed while the retry waits: sent after it, on top of the version the first attempt wrote.
    saver.edit("c", { source: "xy" });
    await vi.advanceTimersByTimeAsync(2000);
    expect(conflicts).toEqual([]);
    expect(calls.map((c) => [c.base, c.source, c.key])).toEqual([
      [1, "x", "key-1"],
      [1, "x", "key-1"],
      [2, "xy", "key-2"],
    ]);
    expect(server).toEqual({ version: 3, source: "xy" });
    expect(states.at(-1)).toBe("saved");
    expect(saver.hasUnsaved()).toBe(false);
  });

  it("does not retry a 4xx", async () => {
    const { saver, calls } = setup({ version: 1, source: "" }, { status: 404 });
    saver.edit("c", { source: "x" });
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.length).toBe(1);
  });
});
