import { describe, expect, it } from "vitest";
import {
  NOT_RUN_TEXT,
  SKIPPED_TEXT,
  newRequestContent,
  normalizeTurns,
  observationResult,
  pendingToolUses,
  requestMessages,
  withCacheBreakpoints,
  type Turn,
} from "../conversation";
import { DEFAULT_OBSERVATION_LIMITS } from "../observation";

const user = (text: string): Turn => ({ role: "user", content: [{ type: "text", text }] });
const call = (id: string, code = "print(1)", text = "Let me run it."): Turn => ({
  role: "assistant",
  content: [
    { type: "text", text },
    { type: "tool_use", id, name: "run_python", input: { code } },
  ],
});
const result = (id: string, text = "1"): Turn => ({
  role: "user",
  content: [{ type: "tool_result", tool_use_id: id, content: [{ type: "text", text }] }],
});
const answer = (text: string): Turn => ({ role: "assistant", content: [{ type: "text", text }] });

describe("pendingToolUses", () => {
  it("is the last answer's calls without a result", () => {
    expect(pendingToolUses([])).toEqual([]);
    expect(pendingToolUses([user("hi")])).toEqual([]);
    expect(pendingToolUses([user("hi"), call("a")]).map((u) => u.id)).toEqual(["a"]);
    expect(pendingToolUses([user("hi"), call("a"), result("a")])).toEqual([]);
    expect(pendingToolUses([user("hi"), call("a"), result("a"), answer("done")])).toEqual([]);
    const two: Turn = { role: "assistant", content: [call("a").content[1]!, call("b").content[1]!] };
    expect(pendingToolUses([user("hi"), two, result("a")]).map((u) => u.id)).toEqual(["b"]);
  });
});

describe("normalizeTurns", () => {
  it("leaves a valid conversation as it is", () => {
    const turns = [user("q"), call("a"), result("a"), answer("done"), user("follow-up")];
    expect(normalizeTurns(turns)).toEqual(turns);
  });

  it("answers a call a previous run left open, first in the new request's turn", () => {
    const turns = normalizeTurns([user("q"), call("a"), user("new request")]);
    expect(turns).toHaveLength(3);
    expect(turns[2]!.content).toEqual([
      { type: "tool_result", tool_use_id: "a", content: [{ type: "text", text: NOT_RUN_TEXT }], is_error: true },
      { type: "text", text: "new request" },
    ]);
  });

  it("keeps consecutive user turns (an interrupted step, then a new request) apart", () => {
    const turns = normalizeTurns([user("first"), user("second")]);
    expect(turns.map((t) => t.role)).toEqual(["user", "user"]);
  });

  it("drops results without a call and empty text blocks", () => {
    const turns = normalizeTurns([
      user("q"),
      answer("no call here"),
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "ghost", content: [{ type: "text", text: "x" }] },
          { type: "text", text: "next" },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "text", text: "" },
          { type: "text", text: "ok" },
        ],
      },
    ]);
    expect(turns[2]!.content).toEqual([{ type: "text", text: "next" }]);
    expect(turns[3]!.content).toEqual([{ type: "text", text: "ok" }]);
  });

  it("closes a call left open at the very end", () => {
    const turns = normalizeTurns([user("q"), call("a")]);
    expect(turns.at(-1)).toEqual({
      role: "user",
      content: [
        { type: "tool_result", tool_use_id: "a", content: [{ type: "text", text: NOT_RUN_TEXT }], is_error: true },
      ],
    });
  });
});

describe("cache breakpoints", () => {
  it("marks the last block of the last turn and of the user turn before it, without mutating", () => {
    const turns = [user("q"), call("a"), result("a")];
    const marked = withCacheBreakpoints(turns);
    expect(marked[2]!.content.at(-1)).toMatchObject({ type: "tool_result", cache_control: { type: "ephemeral" } });
    expect(marked[0]!.content.at(-1)).toMatchObject({ type: "text", cache_control: { type: "ephemeral" } });
    expect(marked[1]!.content.some((b) => "cache_control" in b)).toBe(false);
    expect(JSON.stringify(turns)).not.toContain("cache_control");
  });

  it("requestMessages normalizes then marks", () => {
    const messages = requestMessages([user("q"), call("a"), user("again")]);
    const last = messages.at(-1)!;
    expect(Array.isArray(last.content) && last.content.at(-1)).toMatchObject({
      type: "text",
      text: "again",
      cache_control: { type: "ephemeral" },
    });
  });
});

describe("turn contents", () => {
  it("a new request: open results, then the notebook, then the prompt", () => {
    expect(newRequestContent("<notebook_context/>", "Do it", ["t1"])).toEqual([
      { type: "tool_result", tool_use_id: "t1", content: [{ type: "text", text: NOT_RUN_TEXT }], is_error: true },
      { type: "text", text: "<notebook_context/>" },
      { type: "text", text: "Do it" },
    ]);
  });

  it("an observation: shaped output, the person's edit, a skip", () => {
    const base = {
      toolUseId: "t",
      modelCode: "print(1)",
      ranCode: "print(1)",
      outputs: [{ output_type: "stream" as const, name: "stdout" as const, text: "1\n" }],
      status: "ok" as const,
    };
    expect(observationResult(base, DEFAULT_OBSERVATION_LIMITS)).toEqual({
      type: "tool_result",
      tool_use_id: "t",
      content: [{ type: "text", text: "1" }],
    });
    const edited = observationResult({ ...base, ranCode: "print(2)" }, DEFAULT_OBSERVATION_LIMITS);
    expect(edited.content[0]).toEqual({
      type: "text",
      text: "The person edited the code before running it:\nprint(2)\n\nOutput:\n1",
    });
    const failed = observationResult(
      {
        ...base,
        outputs: [{ output_type: "error", ename: "NameError", evalue: "x", traceback: ["NameError: x"] }],
        status: "error",
      },
      DEFAULT_OBSERVATION_LIMITS,
    );
    expect(failed.is_error).toBe(true);
    expect(observationResult({ ...base, skipped: true }, DEFAULT_OBSERVATION_LIMITS).content).toEqual([
      { type: "text", text: SKIPPED_TEXT },
    ]);
  });
});
