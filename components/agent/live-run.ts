// What the agent panel shows of the run being driven, as a pure function of the events: the
// runner hook (use-agent-runner.ts) keeps it in React state; the tests drive it directly.
import type { AgentEvent, RunSummary } from "@/lib/agent/events";
import type { ToolCall } from "@/lib/client/agent-driver";
import { assertNever } from "@/lib/kernel/protocol";
import { appendNote, type LiveNoteBlock } from "./note-blocks";

export interface LiveRun {
  run: RunSummary;
  text: string;
  /** The model's progress notes (thinking blocks) so far, in order. */
  notes: LiveNoteBlock[];
  /** The current step has shown nothing yet: the panel says Claude is thinking. */
  quiet: boolean;
  /** Set while a cell waits for the person's approval (approve mode). */
  awaiting: ToolCall | null;
  /** The agent cell being run (it may wait in the kernel's queue behind the person's cell). */
  cellId: string | null;
  phase: "thinking" | "running-cell" | "awaiting-approval";
}

/** The live view after one event (null: nothing live, the run ended). */
export function liveOnEvent(l: LiveRun | null, ev: AgentEvent): LiveRun | null {
  switch (ev.type) {
    case "run": {
      const same = l?.run.id === ev.run.id;
      return {
        run: ev.run,
        text: same ? l.text : "",
        notes: same ? l.notes : [],
        quiet: true,
        awaiting: null,
        cellId: null,
        phase: "thinking",
      };
    }
    case "step_start":
      return l ? { ...l, phase: "thinking", cellId: null, quiet: true, run: { ...l.run, stepCount: ev.step } } : l;
    case "text_delta":
      return l ? { ...l, text: l.text + ev.text, quiet: l.quiet && !ev.text } : l;
    case "thinking_start":
      // A redacted block has no text to come: announcing it is all there is to show.
      return l
        ? {
            ...l,
            notes: [...l.notes, { step: l.run.stepCount, text: "", redacted: ev.redacted }],
            quiet: l.quiet && !ev.redacted,
          }
        : l;
    case "thinking_delta":
      return l ? { ...l, notes: appendNote(l.notes, l.run.stepCount, ev.text), quiet: l.quiet && !ev.text.trim() } : l;
    case "cell_started":
      return l?.quiet ? { ...l, quiet: false } : l;
    case "usage":
      return l ? { ...l, run: { ...l.run, usage: ev.usage, costUsd: ev.costUsd, stepCount: ev.step } } : l;
    case "run_end":
      return null;
    case "code_delta":
    case "tool_call":
    case "error":
      return l;
    default:
      return assertNever(ev, "agent event"); // a new event type is a compile error until handled here
  }
}
