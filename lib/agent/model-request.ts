// One model call's request, built from the capability table (models/) and the conversation's
// frozen prefix (prompts/): the system prompt and tools are the same bytes on every request of a
// conversation, the messages only grow (conversation.ts), so thinking blocks stay valid and the
// prompt cache keeps hitting. No parameter goes to a model that does not take it.
import { requestMessages, type Turn } from "./conversation";
import type { AgentLimits } from "./limits";
import type { ModelRequest } from "./model-client";
import type { Effort } from "./models/model-options";
import { effortFor, modelSpec } from "./models/model-spec";
import { conversationPrefix } from "./prompts/registry";

/** What a request depends on besides the conversation: the run's choices. */
export interface RequestSettings {
  model: string;
  effort: Effort | null;
  promptVersion: string | null;
}

export function buildModelRequest(
  settings: RequestSettings,
  turns: readonly Turn[],
  limits: AgentLimits,
): ModelRequest {
  const spec = modelSpec(settings.model);
  const prefix = conversationPrefix(settings.promptVersion);
  const request: ModelRequest = {
    model: settings.model,
    max_tokens: Math.min(limits.maxTokensPerCall, spec.maxOutput),
    system: [{ type: "text", text: prefix.system, cache_control: { type: "ephemeral" } }],
    tools: prefix.tools,
    // One cell per step: the person watches each cell run before the next is written. "auto" is
    // the only tool_choice today's thinking models take (forced tool use is refused).
    tool_choice: { type: "auto", disable_parallel_tool_use: true },
    messages: requestMessages(turns),
  };
  // Adaptive thinking is the default where it exists; "summarized" returns the progress notes the
  // model writes between tool calls (the default, "omitted", returns them empty).
  if (spec.thinking.includes("adaptive"))
    request.thinking = spec.display ? { type: "adaptive", display: "summarized" } : { type: "adaptive" };
  const effort = effortFor(spec, settings.effort);
  if (effort) request.output_config = { effort };
  return request;
}
