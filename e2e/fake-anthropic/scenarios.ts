// The scripted "model". A scenario maps the request so far to the next answer (or fault), using
// the step counters in ScenarioContext. Scenarios do not depend on the model: the prose before a
// tool call is a `note` (callPython's preface), which thinking models send as a thinking block and
// the others as text, and thinking models start every answer with a thinking block (thinking.ts).
// To add one: write a Scenario and add it to SCENARIOS; prompts select it with
// `[scenario:<name>]` (see request-view.ts findMarker).
import { hasCacheControl, toolNames, toolUses } from "./request-view";
import {
  FILES_TASK_CODE,
  RUN_PYTHON,
  SHOW_PNG_CODE,
  callPython,
  finalText,
  httpError,
  numParam,
  runPython,
  text,
  thinking,
} from "./script-helpers";
import type { Scenario, ScenarioContext } from "./types";

const observed = (ctx: ScenarioContext) => (ctx.lastToolResult?.text ?? "").trim();

/** Raises, sees the NameError, fixes it, reports what the fixed cell printed. */
const codeErrorFix: Scenario = (ctx) => {
  switch (ctx.stepInTurn) {
    case 0:
      return callPython("print(undefined_name)", "I'll run the code first to see what it prints.");
    case 1:
      if (!ctx.lastToolResult?.text.includes("NameError")) {
        return finalText(
          "I did not see the NameError I expected in the tool result.",
          undefined,
          "No NameError came back; saying so.",
        );
      }
      return callPython("print(6*7)", "That failed with a NameError; fixing it.");
    default:
      return finalText(`The answer is ${observed(ctx)}`, undefined, "The fixed code ran; reporting what it printed.");
  }
};

/** Shows a PNG, then says how many image blocks came back in the tool_result. */
const figure: Scenario = (ctx) => {
  if (ctx.stepInTurn === 0) return callPython(SHOW_PNG_CODE, "Here is a small figure.");
  const n = ctx.lastToolResult?.images ?? 0;
  return finalText(`I saw ${n} image${n === 1 ? "" : "s"}.`);
};

/** Prints far more than a tool_result should carry; reports how much text actually arrived. */
const hugePrint: Scenario = (ctx) => {
  if (ctx.stepInTurn === 0) return callPython("for i in range(200_000):\n    print(i)", "Printing a lot of lines.");
  const length = ctx.lastToolResult?.text.length ?? 0;
  return finalText(`The tool result I received had ${length} characters.`);
};

/** A long answer trickling out, for stop/abort tests: `delay` ms × `chunks` deltas (200 × 100). */
const slowStream: Scenario = (ctx) => {
  const chunks = numParam(ctx, "chunks", 100);
  const words = Array.from({ length: chunks }, (_, i) => `word${i + 1} `).join("");
  // Pings in between, as the real API sends on long streams; clients must skip them.
  return finalText(words.trimEnd(), {
    deltaDelayMs: numParam(ctx, "delay", 200),
    textChunkChars: 8,
    pingEveryDeltas: 10,
  });
};

/** A step-limit test: every step is one more cell, never a final answer. */
const stepLimit: Scenario = (ctx) => callPython(`print(${ctx.step})`, `Step ${ctx.step}.`);

/**
 * Reports what the app told it about the notebook: which cells it says the person added or edited,
 * and whether a `needle=` text appears in the context. Tests "use my cleaned version in cell 3".
 */
const notebookContext: Scenario = (ctx) => {
  const sent = JSON.stringify(ctx.messages);
  const marked = [...sent.matchAll(/### cell (\d+) · \w+ · [^·\\]*· (ADDED|EDITED) by the person/g)].map(
    (m) => `cell ${m[1]} ${m[2]}`,
  );
  const needle = ctx.params?.needle;
  const found = needle ? sent.includes(needle) : false;
  return finalText(`Context: ${marked.join(", ") || "no changed cells"}; needle ${found ? "found" : "missing"}.`);
};

/** A cell that never ends by itself: for stopping a run while its cell is running. */
const longCell: Scenario = (ctx) =>
  ctx.step === 0
    ? callPython("while True:\n    pass", "Running a long computation.")
    : finalText(`After the long cell: ${observed(ctx) || "nothing"}`);

/**
 * Two human turns. Turn 0 sets x; the follow-up prints x + 1, which only works if the kernel kept
 * its state, and checks that the earlier turns were sent again (the API is stateless).
 */
const followUp: Scenario = (ctx) => {
  if (ctx.turn === 0) {
    return ctx.stepInTurn === 0 ? callPython("x = 41", "Setting x.") : finalText("x is set to 41.");
  }
  if (ctx.stepInTurn === 0) return callPython("print(x + 1)", "Using x from before.");
  const sawFirstTurn = toolUses(ctx.messages).some(
    (u) =>
      u.name === RUN_PYTHON &&
      typeof u.input === "object" &&
      u.input !== null &&
      !Array.isArray(u.input) &&
      u.input.code === "x = 41",
  );
  const history = sawFirstTurn && ctx.turn >= 1 ? "history ok" : "history missing";
  return finalText(`${history}; x + 1 printed ${observed(ctx) || "nothing"}`);
};

/**
 * Thinking interleaved with text: thinking, text, thinking, tool_use, then a final answer. On
 * models not thinking only the text and the tool call remain.
 */
const thinkingInterleaved: Scenario = (ctx) => {
  if (ctx.stepInTurn > 0)
    return finalText(`Computed: ${observed(ctx) || "nothing"}`, undefined, "The cell ran; answering.");
  return {
    kind: "reply",
    content: [
      thinking("The person wants 6*7; a cell will compute it."),
      text("I'll compute it in a cell."),
      thinking("Writing the cell now."),
      runPython("print(6*7)"),
    ],
    stopReason: "tool_use",
  };
};

/** A summary of what the request contained; the default when nothing else is selected. */
const echo: Scenario = (ctx) => {
  const tools = toolNames(ctx.body);
  const parts = [
    `Echo: ${ctx.messages.length} message${ctx.messages.length === 1 ? "" : "s"}`,
    `tools: ${tools.length ? tools.join(",") : "none"}`,
    `cache_control: ${hasCacheControl(ctx.body) ? "yes" : "no"}`,
    `system: ${ctx.body.system !== undefined ? "yes" : "no"}`,
    `step: ${ctx.step}`,
  ];
  return finalText(`${parts.join("; ")}.`);
};

const errorFault =
  (type: "api_error" | "overloaded_error"): Scenario =>
  () => ({
    kind: "reply",
    content: [text("This answer will not finish because the server fails part-way through.")],
    stopReason: "end_turn",
    fault: { kind: "error-event", afterEvents: 5, errorType: type },
  });

/**
 * Files: reports whether the context listed data/sales.csv with its first line, runs
 * FILES_TASK_CODE, then reports the output files the observation named and its image count.
 */
const files: Scenario = (ctx) => {
  if (ctx.stepInTurn === 0)
    return callPython(FILES_TASK_CODE, "Reading data/sales.csv and saving a summary and a chart.");
  const sent = JSON.stringify(ctx.messages);
  const listed = /- data\/sales\.csv \(\d[\d,]* bytes[^)]*text\/csv\)/.test(sent) && sent.includes("region,sales");
  const named = [...(ctx.lastToolResult?.text ?? "").matchAll(/^- (output\/\S+) \(/gm)].map((m) => m[1]).join(" ");
  const printed = /rows=\d+ total=[\d.]+/.exec(ctx.lastToolResult?.text ?? "")?.[0] ?? "nothing";
  return finalText(
    `Context listed sales.csv: ${listed ? "yes" : "no"}. Saved: ${named || "none"}. Images: ${ctx.lastToolResult?.images ?? 0}. Printed: ${printed}.`,
  );
};

export const SCENARIOS: Record<string, Scenario> = {
  files,
  "code-error-fix": codeErrorFix,
  figure,
  "huge-print": hugePrint,
  "slow-stream": slowStream,
  "step-limit": stepLimit,
  "long-cell": longCell,
  "notebook-context": notebookContext,
  "follow-up": followUp,
  "thinking-interleaved": thinkingInterleaved,
  echo,
  "error-401": () => httpError(401, "authentication_error", "invalid x-api-key"),
  "rate-limit-then-ok": (ctx) =>
    ctx.attempt === 0
      ? httpError(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", {
          retryAfter: "0",
        })
      : finalText("Recovered after a rate limit."),
  "overloaded-storm": () => httpError(529, "overloaded_error", "Overloaded"),
  "error-500-mid-stream": errorFault("api_error"),
  "overloaded-mid-stream": errorFault("overloaded_error"),
  "cut-mid-stream": () => ({
    kind: "reply",
    content: [text("This answer is cut off when the connection drops in the middle of it.")],
    stopReason: "end_turn",
    fault: { kind: "cut", afterEvents: 4 },
  }),
  "max-tokens": () => ({
    kind: "reply",
    content: [text("This answer stops because it ran out of")],
    stopReason: "max_tokens",
  }),
};

export const DEFAULT_SCENARIO = "echo";
