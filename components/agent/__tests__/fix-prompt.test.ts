import { describe, expect, it } from "vitest";
import { fixPrompt } from "../fix-with-agent";

describe("Fix with agent prompt", () => {
  it("carries the cell's code and its traceback without terminal colours", () => {
    const prompt = fixPrompt("print(missing)", [
      { output_type: "stream", name: "stdout", text: "before\n" },
      {
        output_type: "error",
        ename: "NameError",
        evalue: "name 'missing' is not defined",
        traceback: ["\u001b[31mTraceback (most recent call last)\u001b[0m", "NameError: name 'missing' is not defined"],
      },
    ]);
    expect(prompt).toContain("```python\nprint(missing)\n```");
    expect(prompt).toContain("Traceback (most recent call last)\nNameError: name 'missing' is not defined");
    expect(prompt).not.toContain("\u001b");
    expect(prompt).not.toContain("before");
  });

  it("keeps the end of a long traceback, and uses ename/evalue when there is none", () => {
    const long = Array.from({ length: 200 }, (_, i) => `frame ${i}`);
    const prompt = fixPrompt("f()", [{ output_type: "error", ename: "E", evalue: "v", traceback: long }]);
    expect(prompt).toContain("frame 199");
    expect(prompt).not.toContain("frame 10\n");
    expect(fixPrompt("g()", [{ output_type: "error", ename: "ValueError", evalue: "bad", traceback: [] }])).toContain(
      "ValueError: bad",
    );
  });
});
