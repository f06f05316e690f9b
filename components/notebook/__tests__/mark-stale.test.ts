import { describe, expect, it } from "vitest";
import { type CellRun, markStale, ranSinceStart } from "../use-cell-runtime";

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

describe("ranSinceStart (Restart asks first when it is true)", () => {
  it("is false with no runs, or only stale, cancelled or never-started ones", () => {
    expect(ranSinceStart({})).toBe(false);
    expect(
      ranSinceStart({
        a: run("done", true),
        b: { ...run("cancelled"), executionCount: null },
        c: { ...run("queued"), executionCount: null },
      }),
    ).toBe(false);
  });

  it("is true once a cell ran or runs in the current interpreter", () => {
    expect(ranSinceStart({ a: run("done", true), b: run("error") })).toBe(true);
    expect(ranSinceStart({ a: run("running") })).toBe(true);
    expect(ranSinceStart({ a: run("interrupted") })).toBe(true);
  });
});
