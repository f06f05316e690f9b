import { afterEach, describe, expect, it } from "vitest";
import { warnDeprecatedModelsOnce } from "../sdk-warnings";

const notice = (model: string) =>
  `The model '${model}' is deprecated and will reach end-of-life on November 30th, 2026\nPlease migrate to a newer model.`;

describe("the SDK's deprecation notice", () => {
  const original = console.warn;
  afterEach(() => {
    console.warn = original;
  });

  it("is printed once per model; other warnings are untouched", () => {
    const seen: unknown[][] = [];
    console.warn = (...args: unknown[]) => void seen.push(args);
    warnDeprecatedModelsOnce();
    warnDeprecatedModelsOnce(); // a second install does not wrap twice
    for (let i = 0; i < 3; i++) console.warn(notice("claude-sonnet-4-5"));
    console.warn(notice("claude-3-7-sonnet-latest"));
    console.warn("[agent] something else", 42);
    console.warn("[agent] something else", 42);
    expect(seen).toEqual([
      [notice("claude-sonnet-4-5")],
      [notice("claude-3-7-sonnet-latest")],
      ["[agent] something else", 42],
      ["[agent] something else", 42],
    ]);
  });
});
