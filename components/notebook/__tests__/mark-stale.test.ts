import { describe, expect, it } from "vitest";
import { type CellRun, markStale } from "../use-cell-runtime";

const run = (phase: CellRun["phase"], stale?: boolean): CellRun => ({
  phase,
  liveOutputs: [],
  executionCount: 1,
  packageProgress: null,
  ...(stale === undefined ? {} : { stale }),
});

describe("markStale", () => {
  it("marks the cells that finished before a restart, not the queued or running ones", () => {
    const next = markStale({
      a: run("done"),
      b: run("error"),
      c: run("interrupted"),
      d: run("running"),
      e: run("queued"),
      f: run("cancelled"),
    });
    expect(Object.entries(next).map(([id, r]) => [id, Boolean(r.stale)])).toEqual([
      ["a", true],
      ["b", true],
      ["c", true],
      ["d", false],
      ["e", false],
      ["f", false],
    ]);
  });

  it("returns the same object when nothing changes, so React skips the render", () => {
    const runs = { a: run("done", true), b: run("running") };
    expect(markStale(runs)).toBe(runs);
  });
});
