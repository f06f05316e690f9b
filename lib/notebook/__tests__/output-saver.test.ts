// OutputSaver: outputs saved after a run survive a blip (retried with backoff, same key), newer
// outputs replace ones still waiting, a refused save is reported, a deleted cell is dropped.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OutputSaver, type OutputRun, type OutputSaveStatus } from "../output-saver";

const run = (text: string): OutputRun => ({
  outputs: [{ output_type: "stream", name: "stdout", text }],
  executionCount: 1,
  durationMs: 1,
});

function setup() {
  const calls: { cellId: string; text: string; key: string }[] = [];
  const stored = new Map<string, string>();
  const statuses: OutputSaveStatus[] = [];
  const refused: string[] = [];
  let down = false;
  let failStatus: number | undefined;
  let keys = 0;
  const saver = new OutputSaver(
    {
      newKey: () => `k${++keys}`,
      saveOutputs: async (cellId, r, key) => {
        const text = (r.outputs[0] as { text: string }).text;
        calls.push({ cellId, text, key });
        if (down) throw Object.assign(new Error("Failed to fetch"), failStatus ? { status: failStatus } : {});
        stored.set(cellId, text);
      },
    },
    { onStatus: (s) => statuses.push(s), onRefused: (m) => refused.push(m) },
  );
  return {
    saver,
    calls,
    stored,
    statuses,
    refused,
    setDown: (d: boolean, status?: number) => {
      down = d;
      failStatus = status;
    },
  };
}

describe("OutputSaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("retries with backoff while the server is down and saves once it is back", async () => {
    const t = setup();
    t.setDown(true, 503);
    t.saver.save("a", run("1\n"));
    await vi.advanceTimersByTimeAsync(3000);
    expect(t.statuses.at(-1)).toEqual({ unsaved: 1, retrying: true });
    expect(t.saver.hasUnsaved()).toBe(true);
    const attempts = t.calls.length;
    expect(attempts).toBeGreaterThan(1);
    expect(new Set(t.calls.map((c) => c.key))).toEqual(new Set(["k1"]));
    t.setDown(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.stored.get("a")).toBe("1\n");
    expect(t.statuses.at(-1)).toEqual({ unsaved: 0, retrying: false });
    expect(t.saver.hasUnsaved()).toBe(false);
  });

  it("a newer run's outputs replace ones still waiting, with a new key", async () => {
    const t = setup();
    t.setDown(true);
    t.saver.save("a", run("old\n"));
    await vi.advanceTimersByTimeAsync(100);
    t.setDown(false);
    t.saver.save("a", run("new\n"));
    await vi.advanceTimersByTimeAsync(100);
    expect(t.stored.get("a")).toBe("new\n");
    expect(t.calls.at(-1)).toMatchObject({ text: "new\n", key: "k2" });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.stored.get("a")).toBe("new\n");
  });

  it("reports a refused save and drops it; a deleted cell (404) silently", async () => {
    const t = setup();
    t.setDown(true, 400);
    t.saver.save("a", run("x"));
    await vi.advanceTimersByTimeAsync(10);
    expect(t.refused).toEqual(["Failed to fetch"]);
    t.setDown(true, 404);
    t.saver.save("b", run("x"));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.refused).toHaveLength(1);
    expect(t.calls).toHaveLength(2);
    expect(t.saver.hasUnsaved()).toBe(false);
  });
});
