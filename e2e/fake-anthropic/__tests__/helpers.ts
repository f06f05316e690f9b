// Test-side helpers: a real SDK client aimed at the fake, and a minimal agent loop (stream →
// run tool → send tool_result) so multi-step scenarios are exercised through the real SDK.
import Anthropic from "@anthropic-ai/sdk";
import type {
  Message,
  MessageCreateParamsBase,
  MessageParam,
  Tool,
  ToolResultBlockParam,
} from "@anthropic-ai/sdk/resources/messages";
import type { FakeAnthropic } from "../server";

/** An adaptive-thinking model: thinks by default, no prefix check. */
export const MODEL = "claude-sonnet-4-6";
/** A preserved-thinking model: thinking blocks are bound to their prefix. */
export const PRESERVED_MODEL = "claude-sonnet-5-5";
/** A model that only thinks when asked (thinking.type "enabled"). */
export const LEGACY_MODEL = "claude-haiku-4-5";

export const RUN_PYTHON_TOOL: Tool = {
  name: "run_python",
  description: "Run Python code in the notebook kernel and return its output.",
  input_schema: { type: "object", properties: { code: { type: "string" } }, required: ["code"] },
};

export function clientFor(fake: FakeAnthropic, opts: { apiKey?: string; maxRetries?: number } = {}) {
  return new Anthropic({ apiKey: opts.apiKey ?? "test-key", baseURL: fake.url, maxRetries: opts.maxRetries ?? 2 });
}

export type ToolOutput = ToolResultBlockParam["content"];
export type ToolRunner = (code: string) => ToolOutput;

export interface LoopResult {
  messages: MessageParam[];
  finals: Message[];
  last: Message;
}

/** Request fields an agent loop adds to every call (model, thinking, output_config, system…). */
export type LoopParams = Partial<Omit<MessageCreateParamsBase, "messages" | "stream">>;

/**
 * Streams turns until the model stops asking for tools (or maxSteps), feeding tool results back.
 * Each answer's content goes back unmodified, thinking blocks included, as an app must.
 */
export async function agentLoop(
  client: Anthropic,
  messages: MessageParam[],
  runTool: ToolRunner,
  maxSteps = 10,
  params: LoopParams = {},
): Promise<LoopResult> {
  const finals: Message[] = [];
  for (let step = 0; step < maxSteps; step++) {
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 1024,
      tools: [RUN_PYTHON_TOOL],
      ...params,
      messages,
    });
    const message = await stream.finalMessage();
    finals.push(message);
    messages.push({ role: "assistant", content: message.content });
    if (message.stop_reason !== "tool_use") break;
    const results: ToolResultBlockParam[] = message.content.flatMap((b) =>
      b.type === "tool_use"
        ? [{ type: "tool_result" as const, tool_use_id: b.id, content: runTool((b.input as { code: string }).code) }]
        : [],
    );
    messages.push({ role: "user", content: results });
  }
  return { messages, finals, last: finals.at(-1)! };
}

export function finalText(message: Message): string {
  return message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
}

/** A stand-in kernel good enough for the scripted scenarios. */
export const fakeKernel: ToolRunner = (code) => {
  if (code.includes("undefined_name")) {
    return [
      { type: "text", text: "Traceback (most recent call last):\nNameError: name 'undefined_name' is not defined" },
    ];
  }
  if (code === "print(6*7)") return [{ type: "text", text: "42\n" }];
  if (code === "print(x + 1)") return [{ type: "text", text: "42\n" }];
  return [{ type: "text", text: "ok" }];
};

export async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("waitUntil: timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
