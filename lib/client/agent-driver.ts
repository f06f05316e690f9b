// The client side of an agent run, shared by the browser runner (components/agent/
// use-agent-runner.ts) and the eval harness (lib/eval/run-task.ts): read a step's events, run the
// cells it asks for, post each result as the observation that streams the next step, until the
// run ends. What "run a cell" and "post" mean is the caller's (Pyodide and fetch in the browser,
// a Node kernel and the orchestrator in the eval); the order of things is decided here, once.
import { assertNever } from "@/lib/kernel/protocol";
import type { AgentEvent, ObservationBody, RunSummary } from "@/lib/agent/events";

export interface ToolCall {
  cellId: string;
  toolUseId: string;
  code: string;
}

/** What one step's event stream said. */
export interface StepOutcome {
  /** The run the stream is about (every stream starts with its summary). */
  run: RunSummary | null;
  /** Cells the model asked to run, in order. */
  calls: ToolCall[];
  /** Agent cells this step started or wrote code into. */
  cellIds: string[];
  /** The run_end event, when the run ended in this step. */
  end: Extract<AgentEvent, { type: "run_end" }> | null;
  /** The last error event, if any. */
  error: Extract<AgentEvent, { type: "error" }> | null;
}

/** Reads one step's events in order, handing each to `onEvent`. */
export async function readStep(
  events: AsyncIterable<AgentEvent>,
  onEvent: (event: AgentEvent) => void = () => {},
): Promise<StepOutcome> {
  const out: StepOutcome = { run: null, calls: [], cellIds: [], end: null, error: null };
  const touched = (cellId: string) => {
    if (!out.cellIds.includes(cellId)) out.cellIds.push(cellId);
  };
  for await (const ev of events) {
    onEvent(ev);
    switch (ev.type) {
      case "run":
        out.run = ev.run;
        break;
      case "cell_started":
      case "code_delta":
        touched(ev.cellId);
        break;
      case "tool_call":
        touched(ev.cellId);
        out.calls.push({ cellId: ev.cellId, toolUseId: ev.toolUseId, code: ev.code });
        break;
      case "run_end":
        out.end = ev;
        break;
      case "error":
        out.error = ev;
        break;
      case "step_start":
      case "text_delta":
      case "thinking_start":
      case "thinking_delta":
      case "usage":
        break;
      default:
        assertNever(ev, "agent event"); // a new event type is a compile error until handled here
    }
  }
  return out;
}

export interface DriverPort {
  /** Every event of every step, as it arrives (the browser's live view). */
  onEvent?: (event: AgentEvent) => void;
  /** After a step that asks for cells, before the first of them runs. */
  afterStep?: (step: StepOutcome) => Promise<void>;
  /** Runs (or skips) one cell; null: the drive was stopped meanwhile. */
  runCall: (call: ToolCall, runId: string) => Promise<ObservationBody | null>;
  /** Posts a cell's result; answers with the next step's events. */
  observe: (runId: string, body: ObservationBody) => Promise<AsyncIterable<AgentEvent>>;
}

export type DriveResult =
  /** The run ended (completed, failed or stopped); `end` says how. */
  | { kind: "ended"; end: Extract<AgentEvent, { type: "run_end" }> }
  /** runCall answered null. */
  | { kind: "stopped" }
  /** A step's stream ended with neither a cell to run nor the run's end (a dropped connection). */
  | { kind: "lost"; step: StepOutcome };

/** Drives a run from its first step's events until it ends, is stopped, or a stream drops. */
export async function driveRun(first: AsyncIterable<AgentEvent>, port: DriverPort): Promise<DriveResult> {
  let events = first;
  let runId: string | null = null;
  const queue: ToolCall[] = [];
  for (;;) {
    const step = await readStep(events, port.onEvent);
    runId = step.run?.id ?? runId;
    if (step.end) return { kind: "ended", end: step.end };
    queue.push(...step.calls);
    if (step.calls.length) await port.afterStep?.(step);
    const call = queue.shift();
    if (!call || !runId) return { kind: "lost", step };
    const body = await port.runCall(call, runId);
    if (!body) return { kind: "stopped" };
    events = await port.observe(runId, body);
  }
}
