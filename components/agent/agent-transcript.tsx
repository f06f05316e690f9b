"use client";
// The conversation as the person sees it: their requests, the agent's progress notes (folded) and
// its words. Tool calls are the cells themselves, so here they are only mentioned. Only requests
// and answers carry data-role: the notes beside them are not turns.
import type { TranscriptMessage } from "@/lib/agent/events";
import { MarkdownView } from "@/components/notebook/markdown-view";
import { LiveNotes, StoredNotes } from "./agent-notes";
import { turnOf, type Turn } from "./transcript-turns";
import type { LiveRun } from "./use-agent-runner";

export function AgentTranscript({ messages, live }: { messages: TranscriptMessage[]; live: LiveRun | null }) {
  const items = messages
    .map((m) => ({ id: m.id, v: turnOf(m) }))
    .filter((x): x is { id: string; v: Turn } => x.v !== null);
  if (!items.length && !live) {
    return (
      <p className="flex-1 text-xs text-slate-400">
        Ask a question about your data. The agent writes and runs cells in this notebook.
      </p>
    );
  }
  return (
    <div className="flex-1 space-y-2 overflow-y-auto text-sm" data-testid="agent-transcript">
      {items.map(({ id, v }) =>
        v.role === "user" ? (
          <div key={id} data-role="user" className="rounded bg-slate-100 px-2 py-1">
            <p className="whitespace-pre-wrap">{v.text}</p>
          </div>
        ) : (
          <div key={id} className="space-y-1">
            <StoredNotes notes={v.notes} />
            {v.text && (
              <div data-role="assistant" className="px-1">
                <MarkdownView source={v.text} />
              </div>
            )}
          </div>
        ),
      )}
      {live && (
        <LiveNotes
          notes={live.notes}
          step={live.run.stepCount}
          streaming={live.phase === "thinking"}
          quiet={live.quiet && live.phase === "thinking"}
        />
      )}
      {/* As before: the live answer appears once there is a turn above it or text to show. */}
      {live && (items.length > 0 || live.text) && (
        <div data-role="assistant" data-testid="agent-live-text" className="px-1">
          <p className="whitespace-pre-wrap">{live.text}</p>
        </div>
      )}
    </div>
  );
}
