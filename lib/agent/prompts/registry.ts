// The conversation prefix (system prompt and tools) by version. Today's models bind each thinking
// block to everything before it, so a conversation must send the same system and tools on every
// request: a notebook records the version its conversation started with and keeps it. A release
// that changes the prompt adds a version; existing conversations go on with theirs.
import type { Tool } from "@anthropic-ai/sdk/resources/messages";
import { PROMPT_2026_12_05 } from "./prompt-2026-12-05";

export interface ConversationPrefix {
  version: string;
  system: string;
  tools: Tool[];
}

const VERSIONS: readonly ConversationPrefix[] = [PROMPT_2026_12_05];
const byVersion = new Map(VERSIONS.map((v) => [v.version, v]));

/** The version a new conversation starts with. */
export const CURRENT_PROMPT_VERSION = PROMPT_2026_12_05.version;

export function isPromptVersion(version: string): boolean {
  return byVersion.has(version);
}

/** A conversation's prefix; an unknown version (none recorded: a conversation from before versions) gets the current one. */
export function conversationPrefix(version: string | null | undefined): ConversationPrefix {
  return (version && byVersion.get(version)) || PROMPT_2026_12_05;
}
