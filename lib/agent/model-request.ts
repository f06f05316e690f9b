// One model call's request: the system prompt and the tool are the stable, cached prefix; the
// conversation carries rolling cache breakpoints (conversation.ts).
import { requestMessages, type Turn } from "./conversation";
import type { AgentLimits } from "./limits";
import type { ModelRequest } from "./model-client";
import { systemPrompt } from "./system-prompt";
import { runPythonTool } from "./tools/run-python";

export function buildModelRequest(model: string, turns: readonly Turn[], limits: AgentLimits): ModelRequest {
  return {
    model,
    max_tokens: limits.maxTokensPerCall,
    system: [{ type: "text", text: systemPrompt(limits.observation), cache_control: { type: "ephemeral" } }],
    tools: [runPythonTool],
    // One cell per step: the person watches each cell run before the next is written.
    tool_choice: { type: "auto", disable_parallel_tool_use: true },
    messages: requestMessages(turns),
  };
}
