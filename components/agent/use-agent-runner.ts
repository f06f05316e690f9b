"use client";
// Drives an agent run from the browser: the server streams a model step as events; code arrives
// in a new cell as the model writes it; the cell runs here (Python lives in this page), and its
// output goes back as the observation that starts the next step. The server owns the rules.
import { useCallback, useEffect, useRef, useState } from "react";
import {
  decodeEvents,
  type AgentEvent,
  type ObservationBody,
  type RunSummary,
  type TranscriptMessage,
} from "@/lib/agent/events";
import { agentApi } from "@/lib/client/agent-api";
import { driveRun, type StepOutcome, type ToolCall } from "@/lib/client/agent-driver";
import { liveOnEvent, type LiveRun } from "./live-run";
import { followCell } from "./cell-focus";
import type { RunBudget } from "@/lib/client/agent-api";
import type { Kernel } from "@/lib/kernel/kernel";
import { assertNever } from "@/lib/kernel/protocol";
import { turnOf } from "./transcript-turns";
import { notebookApi } from "@/lib/client/notebook-api";
import type { NotebookDocument } from "@/components/notebook/use-notebook-document";
import type { useCellRuntime } from "@/components/notebook/use-cell-runtime";
import type { Effort } from "@/lib/agent/models/model-options";

type Runtime = ReturnType<typeof useCellRuntime>;
export type RunMode = "auto" | "approve";
export type { LiveRun } from "./live-run";

const RESUMABLE = new Set(["running", "awaiting_approval", "interrupted"]);

/** The request last sent: shown at once, kept (with Retry) if it fails. */
export interface SentPrompt {
  prompt: string;
  mode: RunMode;
  params: { model?: string; effort?: Effort };
  /** How many stored requests the transcript had when it was sent: it is stored once there are more. */
  storedBefore: number;
}

/** The streamed answer of a run the person stopped: the server keeps no partial text. */
export interface StoppedText {
  runId: string | null;
  text: string;
}

const storedRequests = (messages: TranscriptMessage[]) =>
  messages.filter((m) => m.role === "user" && turnOf(m)?.role === "user").length;

export function useAgentRunner(notebookId: string, doc: NotebookDocument, runtime: Runtime, kernel: Kernel | null) {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [messages, setMessages] = useState<TranscriptMessage[]>([]);
  const [live, setLive] = useState<LiveRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [budget, setBudget] = useState<RunBudget | null>(null);
  const [sent, setSent] = useState<SentPrompt | null>(null);
  const [stopped, setStopped] = useState<StoppedText | null>(null);
  /** A prompt asked from elsewhere on the page ("Fix with agent"); the panel sends it. */
  const [requested, setRequested] = useState<{ prompt: string; seq: number } | null>(null);
  /** tool_use id → cell id, from this page's events: the transcript links each written cell. */
  const [written, setWritten] = useState<ReadonlyMap<string, string>>(new Map());
  const liveRef = useRef<LiveRun | null>(null);
  liveRef.current = live;
  const abort = useRef<AbortController | null>(null);
  const approval = useRef<((decision: { run: boolean }) => void) | null>(null);
  const runningCell = useRef<string | null>(null);
  /** The run being driven: every step stream starts with its summary. */
  const currentRun = useRef<string | null>(null);

  const apply = useCallback((data: Awaited<ReturnType<typeof agentApi.list>>) => {
    setRuns(data.runs);
    setMessages(data.messages);
    if (data.budget) setBudget(data.budget);
  }, []);
  const refresh = useCallback(async () => {
    const data = await agentApi.list(notebookId);
    apply(data);
    return data;
  }, [apply, notebookId]);

  useEffect(() => {
    refresh().catch((e) => setError((e as Error).message));
  }, [refresh]);

  /** Shows one event: the live view, and the agent's cells as their code streams in. */
  const show = useCallback(
    (code: Map<string, string>) => (ev: AgentEvent) => {
      if (ev.type === "run") currentRun.current = ev.run.id;
      setLive((l) => liveOnEvent(l, ev));
      switch (ev.type) {
        case "cell_started":
          setWritten((m) => new Map(m).set(ev.toolUseId, ev.cellId));
          code.set(ev.cellId, "");
          doc.adoptCell(
            {
              id: ev.cellId,
              kind: "code",
              source: "",
              author: "agent",
              outputs: [],
              executionCount: null,
              version: 1,
              durationMs: null,
            },
            ev.index,
          );
          // The agent's cell comes into view as it is written (after React has rendered it).
          followCell(ev.cellId);
          break;
        case "code_delta": {
          const next = (code.get(ev.cellId) ?? "") + ev.delta;
          code.set(ev.cellId, next);
          doc.setServerSource(ev.cellId, next);
          if (next.endsWith("\n")) followCell(ev.cellId);
          break;
        }
        case "tool_call":
          doc.setServerSource(ev.cellId, ev.code);
          // Its editor may have grown since the last reveal: the whole cell in view before it runs.
          followCell(ev.cellId);
          break;
        case "run_end":
          if (ev.run.error) setError(ev.run.error);
          break;
        case "error":
          setError(ev.message);
          break;
        case "run":
        case "step_start":
        case "text_delta":
        case "thinking_start":
        case "thinking_delta":
        case "usage":
          break; // the live view only (liveOnEvent)
        default:
          assertNever(ev, "agent event"); // a new event type is a compile error until handled here
      }
    },
    [doc],
  );

  /** The server saved the agent's code and bumped the cells' versions: take them over, so the
   * person's later edits of these cells are not mistaken for conflicts. */
  const adoptVersions = useCallback(
    async (step: StepOutcome) => {
      const { notebook } = await notebookApi.get(notebookId);
      for (const c of notebook.cells) if (step.cellIds.includes(c.id)) doc.setServerSource(c.id, c.source, c.version);
    },
    [doc, notebookId],
  );

  /** Runs the loop until the run ends, stops, or the connection drops. */
  const drive = useCallback(
    async (first: () => Promise<Response>, mode: RunMode) => {
      const controller = new AbortController();
      abort.current = controller;
      setError(null);
      setStopped(null);
      const runCall = async (call: ToolCall): Promise<ObservationBody | null> => {
        let code = call.code;
        if (mode === "approve") {
          setLive((l) => (l ? { ...l, awaiting: call, phase: "awaiting-approval" } : l));
          const decision = await new Promise<{ run: boolean }>((resolve) => (approval.current = resolve));
          approval.current = null;
          if (controller.signal.aborted) return null;
          await doc.flush(call.cellId); // the person may have edited the code
          code = doc.cellsRef.current.find((c) => c.id === call.cellId)?.source ?? code;
          if (!decision.run) {
            setLive((l) => (l ? { ...l, awaiting: null, phase: "running-cell" } : l));
            const { cellId, toolUseId } = call;
            return { toolUseId, cellId, code, outputs: [], status: "cancelled", skipped: true };
          }
        }
        setLive((l) => (l ? { ...l, awaiting: null, cellId: call.cellId, phase: "running-cell" } : l));
        runningCell.current = call.cellId;
        const result = await runtime.run(call.cellId, code, { awaitSavedFiles: true });
        runningCell.current = null;
        if (controller.signal.aborted) return null;
        followCell(call.cellId); // its output, below the code, comes into view too
        // Output files the cell wrote are saved before its result comes back (awaitSavedFiles),
        // so the observation can name them.
        return {
          toolUseId: call.toolUseId,
          cellId: call.cellId,
          code,
          outputs: result?.outputs ?? [],
          status: result?.status ?? "error",
          savedFiles: result?.savedFiles,
        };
      };
      const stream = async (res: Response) => decodeEvents(res.body!);
      try {
        let code = new Map<string, string>();
        const result = await driveRun(await stream(await first()), {
          onEvent: (ev) => show(code)(ev),
          afterStep: async (step) => {
            await adoptVersions(step);
            code = new Map();
          },
          runCall,
          observe: async (runId, body) => stream(await agentApi.observe(runId, body, controller.signal)),
        });
        if (result.kind === "lost")
          throw new Error("The connection to the server was lost mid-step. The run can be resumed.");
      } catch (e) {
        if (!controller.signal.aborted) setError((e as Error).message);
      } finally {
        if (abort.current === controller) abort.current = null;
        // The stored transcript and the end of the live view in one render: the answer neither
        // blinks out nor shows twice.
        const data = await agentApi.list(notebookId).catch(() => null);
        if (data) apply(data);
        setLive(null);
      }
    },
    [adoptVersions, apply, doc, notebookId, runtime, show],
  );

  const start = useCallback(
    (prompt: string, mode: RunMode, params: { model?: string; effort?: Effort }) => {
      setSent({ prompt, mode, params, storedBefore: storedRequests(messages) });
      return drive(() => agentApi.start(notebookId, { prompt, mode, ...params }, abort.current?.signal), mode);
    },
    [drive, messages, notebookId],
  );

  /** Sends the failed request again, as it was. */
  const retry = useCallback(() => {
    if (sent) void start(sent.prompt, sent.mode, sent.params);
  }, [sent, start]);

  const resume = useCallback(
    (run: RunSummary) => drive(() => agentApi.resume(run.id, abort.current?.signal), run.mode),
    [drive],
  );

  /** Stop: close the model stream, interrupt a running agent cell, and record the stop. */
  const stop = useCallback(
    async (runId?: string) => {
      const shown = liveRef.current;
      if (shown && (runId === undefined || runId === shown.run.id))
        setStopped({ runId: shown.run.id, text: shown.text });
      abort.current?.abort();
      approval.current?.({ run: false });
      if (runningCell.current) await kernel?.interrupt();
      const id = runId ?? currentRun.current ?? live?.run.id;
      if (id) await agentApi.stop(id).catch((e) => setError((e as Error).message));
      setLive(null);
      await refresh().catch(() => {});
    },
    [kernel, live, refresh],
  );

  const ask = useCallback((prompt: string) => setRequested((r) => ({ prompt, seq: (r?.seq ?? 0) + 1 })), []);
  const clearRequest = useCallback(() => setRequested(null), []);
  const decide = useCallback((run: boolean) => approval.current?.({ run }), []);
  const last = runs[runs.length - 1];
  const resumable = !live && last && RESUMABLE.has(last.status) ? last : null;
  // The prompt shows from the moment it is sent until the stored transcript has it.
  const pending = sent && storedRequests(messages) <= sent.storedBefore ? sent.prompt : null;
  const awaitingCode = live?.awaiting
    ? (doc.cells.find((c) => c.id === live.awaiting?.cellId)?.source ?? live.awaiting.code)
    : null;
  const cellPhase = live?.cellId ? (runtime.runs[live.cellId]?.phase ?? null) : null;
  // reportError: the panel's own failures (saving the model choice) share the run's error area.
  return {
    notebookId,
    runs,
    messages,
    live,
    error,
    clearError: () => setError(null),
    budget,
    pending,
    sent,
    retry,
    stopped,
    lastRun: live ? null : (last ?? null),
    awaitingCode,
    cellPhase,
    written,
    cells: doc.cells,
    requested,
    ask,
    clearRequest,
    reportError: setError,
    start,
    stop,
    resume,
    decide,
    resumable,
  };
}
