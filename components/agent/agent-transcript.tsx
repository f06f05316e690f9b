"use client";
// The conversation as the person sees it: their requests (the one just sent at once), the agent's
// progress notes (folded) and its words, with a link to each cell it wrote. It opens at the newest
// message and stays pinned there as the run streams, unless the person has scrolled up. Only
// requests and answers carry data-role: the notes beside them are not turns.
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import type { TranscriptMessage } from "@/lib/agent/events";
import { MarkdownView } from "@/components/notebook/markdown-view";
import { LiveNotes, StoredNotes } from "./agent-notes";
import { findWrittenCell, revealCell } from "./cell-focus";
import { turnOf, type Turn, type WrittenCell } from "./transcript-turns";
import type { LiveRun, StoppedText } from "./use-agent-runner";

/** Within this many pixels of the bottom counts as "at the newest message". */
const PIN_SLACK = 24;

export interface TranscriptCells {
  written: ReadonlyMap<string, string>;
  cells: readonly { id: string; author: string; source: string }[];
}

function CellLinks({ calls, lookup }: { calls: WrittenCell[]; lookup: TranscriptCells }) {
  if (!calls.length) return null;
  const label = calls.length === 1 ? "wrote a cell" : `wrote ${calls.length} cells`;
  return (
    <p className="text-xs italic text-slate-500">
      ({label}
      {calls.map((call, i) => {
        const cellId = findWrittenCell(call, lookup.written, lookup.cells);
        const name = calls.length === 1 ? "show" : `${i + 1}`;
        return (
          <span key={call.toolUseId || i}>
            {i === 0 ? ": " : ", "}
            {cellId ? (
              <button
                type="button"
                data-testid="agent-cell-link"
                className="text-violet-700 underline not-italic hover:text-violet-900"
                onClick={() => revealCell(cellId, { highlight: true, center: true })}
              >
                {name}
              </button>
            ) : (
              <span title="This cell was edited or deleted since">{name} (changed)</span>
            )}
          </span>
        );
      })}
      )
    </p>
  );
}

export function AgentTranscript({
  messages,
  live,
  pending,
  stopped,
  lookup,
}: {
  messages: TranscriptMessage[];
  live: LiveRun | null;
  /** The request just sent, until the stored transcript has it. */
  pending: string | null;
  stopped: StoppedText | null;
  lookup: TranscriptCells;
}) {
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const [away, setAway] = useState(false);
  const items = messages
    .map((m) => ({ id: m.id, v: turnOf(m) }))
    .filter((x): x is { id: string; v: Turn } => x.v !== null);
  const lastAnswer = [...items].reverse().find((x) => x.v.role === "assistant")?.v.text ?? "";
  // The stopped run's text, unless the stored answer already carries it.
  const keptText = stopped?.text.trim() && !lastAnswer.includes(stopped.text.trim()) ? stopped.text : "";

  /** Where we last put the view: above it means the person scrolled up (even before the scroll event). */
  const placed = useRef<number | null>(null);
  const stick = useCallback(() => {
    const el = box.current;
    if (!el || !pinned.current) return;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight <= PIN_SLACK; // content may have shrunk
    if (placed.current !== null && el.scrollTop < placed.current - 2 && !atEnd) {
      pinned.current = false;
      setAway(true);
      return;
    }
    el.scrollTop = el.scrollHeight;
    placed.current = el.scrollTop;
  }, []);
  // After every render (new message, streamed text, a note opening): back to the bottom if pinned.
  useLayoutEffect(stick);
  // Content that grows without a render of ours (markdown, images, a note toggled open) too.
  const watch = useCallback(
    (inner: HTMLDivElement | null) => {
      if (!inner) return;
      const observer = new ResizeObserver(stick);
      observer.observe(inner);
      return () => observer.disconnect();
    },
    [stick],
  );

  function onScroll() {
    const el = box.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight <= PIN_SLACK;
    placed.current = pinned.current ? el.scrollTop : null;
    setAway(!pinned.current);
  }

  // Scrolling up by wheel unpins at once: a render landing before the scroll event must not undo it.
  function onWheel(e: React.WheelEvent) {
    if (e.deltaY < 0 && pinned.current) {
      pinned.current = false;
      setAway(true);
    }
  }

  function toLatest() {
    const el = box.current;
    if (!el) return;
    pinned.current = true;
    setAway(false);
    el.scrollTop = el.scrollHeight;
    placed.current = el.scrollTop;
  }

  if (!items.length && !live && !pending && !stopped) {
    return (
      <p className="flex-1 text-xs text-slate-400">
        Ask a question about your data. The agent writes and runs cells in this notebook.
      </p>
    );
  }
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={box}
        onScroll={onScroll}
        onWheel={onWheel}
        className="min-h-0 flex-1 overflow-y-auto text-sm"
        data-testid="agent-transcript"
      >
        <div ref={watch} className="space-y-2">
          {items.map(({ id, v }) =>
            v.role === "user" ? (
              <div key={id} data-role="user" className="rounded bg-slate-100 px-2 py-1">
                <p className="whitespace-pre-wrap">{v.text}</p>
              </div>
            ) : (
              <div key={id} className="space-y-1">
                <StoredNotes notes={v.notes} />
                {(v.text || v.cells.length > 0) && (
                  <div data-role="assistant" className="px-1">
                    {v.text && <MarkdownView source={v.text} />}
                    <CellLinks calls={v.cells} lookup={lookup} />
                  </div>
                )}
              </div>
            ),
          )}
          {pending && (
            <div data-role="user" data-pending="true" className="rounded bg-slate-100 px-2 py-1">
              <p className="whitespace-pre-wrap">{pending}</p>
            </div>
          )}
          {live && (
            <LiveNotes
              notes={live.notes}
              step={live.run.stepCount}
              streaming={live.phase === "thinking"}
              quiet={live.quiet && live.phase === "thinking"}
            />
          )}
          {live && (items.length > 0 || pending || live.text) && (
            <div data-role="assistant" data-testid="agent-live-text" className="px-1">
              <p className="whitespace-pre-wrap">{live.text}</p>
            </div>
          )}
          {!live && stopped && (
            <div data-testid="agent-stopped-turn" className="px-1">
              {keptText && <p className="whitespace-pre-wrap">{keptText}</p>}
              <p
                data-testid="agent-stopped"
                className="mt-1 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600"
              >
                Stopped
              </p>
            </div>
          )}
        </div>
      </div>
      {away && (
        <button
          type="button"
          onClick={toLatest}
          className="absolute bottom-2 left-1/2 -translate-x-1/2 rounded-full border border-slate-300 bg-white px-2.5 py-0.5 text-xs text-slate-600 shadow-sm hover:bg-slate-50"
        >
          ↓ Latest
        </button>
      )}
    </div>
  );
}
