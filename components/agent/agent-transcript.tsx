"use client";
// The conversation as the person sees it: their requests and the agent's words. Tool calls are
// the cells themselves, so here they are only mentioned.
import type { TranscriptMessage } from "@/lib/agent/agent-api";
import { MarkdownView } from "@/components/notebook/markdown-view";

type Block = { type: string; text?: string; content?: unknown };

function visible(m: TranscriptMessage): { role: "user" | "assistant"; text: string } | null {
  const blocks = (Array.isArray(m.content) ? m.content : []) as Block[];
  if (m.role === "user") {
    const texts = blocks.filter((b) => b.type === "text" && b.text);
    // The last text block is the person's request; earlier ones are the notebook context we added.
    const text = texts[texts.length - 1]?.text;
    return text ? { role: "user", text } : null;
  }
  const text = blocks.filter((b) => b.type === "text").map((b) => b.text).join("");
  const cells = blocks.filter((b) => b.type === "tool_use").length;
  const note = cells ? `${text ? "\n\n" : ""}_(wrote ${cells === 1 ? "a cell" : `${cells} cells`})_` : "";
  return text || note ? { role: "assistant", text: text + note } : null;
}

export function AgentTranscript({ messages, liveText }: { messages: TranscriptMessage[]; liveText: string | null }) {
  const items = messages.map((m) => ({ id: m.id, v: visible(m) })).filter((x) => x.v);
  if (!items.length && !liveText) {
    return <p className="flex-1 text-xs text-slate-400">Ask a question about your data. The agent writes and runs cells in this notebook.</p>;
  }
  return (
    <div className="flex-1 space-y-2 overflow-y-auto text-sm" data-testid="agent-transcript">
      {items.map(({ id, v }) => (
        <div key={id} data-role={v!.role} className={v!.role === "user" ? "rounded bg-slate-100 px-2 py-1" : "px-1"}>
          {v!.role === "user" ? <p className="whitespace-pre-wrap">{v!.text}</p> : <MarkdownView source={v!.text} />}
        </div>
      ))}
      {liveText !== null && (
        <div data-role="assistant" data-testid="agent-live-text" className="px-1">
          <p className="whitespace-pre-wrap">{liveText}</p>
        </div>
      )}
    </div>
  );
}
