"use client";
// Drives an agent run from the browser: the server streams a model step as events; code arrives
// in a new cell as the model writes it; the cell runs here (Python lives in this page), and its
// output goes back as the observation that starts the next step. The server owns the rules.
import { useCallback, useEffect, useRef, useState } from "react";
import { agentApi, type TranscriptMessage } from "@/lib/agent/agent-api";
import { decodeEvents, type RunSummary } from "@/lib/agent/events";
import type { Kernel } from "@/lib/kernel/kernel";
import { assertNever } from "@/lib/kernel/protocol";
import { notebookApi } from "@/lib/notebook/api-client";
import type { NotebookDocument } from "@/components/notebook/use-notebook-document";
import type { useCellRuntime } from "@/components/notebook/use-cell-runtime";
import type { Effort } from "@/lib/agent/models/model-options";
import { appendNote, type LiveNoteBlock } from "./note-blocks";

type Runtime = ReturnType<typeof useCellRuntime>;
type ToolCall = { cellId: string; toolUseId: string; code: string };
export type RunMode = "auto" | "approve";

export interface LiveRun {
  run: RunSummary;
  text: string;
  /** The model's progress notes (thinking blocks) so far, in order. */
  notes: LiveNoteBlock[];
  /** The current step has shown nothing yet: the panel says Claude is thinking. */
  quiet: boolean;
  /** Set while a cell waits for the person's approval (approve mode). */
  awaiting: ToolCall | null;
  phase: "thinking" | "running-cell" | "awaiting-approval";
}

const RESUMABLE = new Set(["running", "awaiting_approval", "interrupted"]);

export function useAgentRunner(notebookId: string, doc: NotebookDocument, runtime: Runtime, kernel: Kernel | null) {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [messages, setMessages] = useState<TranscriptMessage[]>([]);
  const [live, setLive] = useState<LiveRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const approval = useRef<((decision: { run: boolean }) => void) | null>(null);
  const runningCell = useRef<string | null>(null);
  /** The run being driven: every step stream starts with its summary. */
  const currentRun = useRef<string | null>(null);

  const refresh = useCallback(async () => {
    const data = await agentApi.list(notebookId);
    setRuns(data.runs);
    setMessages(data.messages);
    return data;
  }, [notebookId]);

  useEffect(() => {
    refresh().catch((e) => setError((e as Error).message));
  }, [refresh]);

  /** Reads one step's events; returns the tool calls to run, or null when the run ended. */
  const consume = useCallback(
    async (res: Response): Promise<ToolCall[] | null> => {
      const calls: ToolCall[] = [];
      const code = new Map<string, string>();
      let ended = false;
      for await (const ev of decodeEvents(res.body!)) {
        switch (ev.type) {
          case "run":
            currentRun.current = ev.run.id;
            setLive((l) => {
              const same = l?.run.id === ev.run.id;
              return {
                run: ev.run,
                text: same ? l.text : "",
                notes: same ? l.notes : [],
                quiet: true,
                awaiting: null,
                phase: "thinking",
              };
            });
            break;
          case "step_start":
            setLive((l) => (l ? { ...l, phase: "thinking", quiet: true, run: { ...l.run, stepCount: ev.step } } : l));
            break;
          case "text_delta":
            setLive((l) => (l ? { ...l, text: l.text + ev.text, quiet: l.quiet && !ev.text } : l));
            break;
          case "thinking_start":
            // A redacted block has no text to come: announcing it is all there is to show.
            setLive((l) =>
              l
                ? {
                    ...l,
                    notes: [...l.notes, { step: l.run.stepCount, text: "", redacted: ev.redacted }],
                    quiet: l.quiet && !ev.redacted,
                  }
                : l,
            );
            break;
          case "thinking_delta":
            setLive((l) =>
              l ? { ...l, notes: appendNote(l.notes, l.run.stepCount, ev.text), quiet: l.quiet && !ev.text.trim() } : l,
            );
            break;
          case "cell_started":
            setLive((l) => (l?.quiet ? { ...l, quiet: false } : l));
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
            break;
          case "code_delta": {
            const next = (code.get(ev.cellId) ?? "") + ev.delta;
            code.set(ev.cellId, next);
            doc.setServerSource(ev.cellId, next);
            break;
          }
          case "tool_call":
            doc.setServerSource(ev.cellId, ev.code);
            calls.push({ cellId: ev.cellId, toolUseId: ev.toolUseId, code: ev.code });
            break;
          case "usage":
            setLive((l) =>
              l ? { ...l, run: { ...l.run, usage: ev.usage, costUsd: ev.costUsd, stepCount: ev.step } } : l,
            );
            break;
          case "run_end":
            ended = true;
            setLive(null);
            if (ev.run.error) setError(ev.run.error);
            break;
          case "error":
            setError(ev.message);
            break;
          default:
            assertNever(ev, "agent event"); // a new event type is a compile error until handled here
        }
      }
      if (ended) return null;
      if (calls.length) {
        // The server saved the agent's code and bumped the cells' versions: take them over, so
        // the person's later edits of these cells are not mistaken for conflicts.
        const { notebook } = await notebookApi.get(notebookId);
        for (const c of notebook.cells)
          if (code.has(c.id) || calls.some((t) => t.cellId === c.id)) doc.setServerSource(c.id, c.source, c.version);
        return calls;
      }
      throw new Error("The connection to the server was lost mid-step. The run can be resumed.");
    },
    [doc, notebookId],
  );

  /** Runs the loop until the run ends, stops, or the connection drops. */
  const drive = useCallback(
    async (first: () => Promise<Response>, mode: RunMode) => {
      const controller = new AbortController();
      abort.current = controller;
      setError(null);
      try {
        let res = await first();
        for (;;) {
          const calls = await consume(res);
          if (!calls) break;
          const call = calls[0]!;
          let code = call.code;
          let skipped = false;
          if (mode === "approve") {
            setLive((l) => (l ? { ...l, awaiting: call, phase: "awaiting-approval" } : l));
            const decision = await new Promise<{ run: boolean }>((resolve) => (approval.current = resolve));
            approval.current = null;
            if (controller.signal.aborted) return;
            skipped = !decision.run;
            await doc.flush(call.cellId); // the person may have edited the code
            code = doc.cellsRef.current.find((c) => c.id === call.cellId)?.source ?? code;
          }
          setLive((l) => (l ? { ...l, awaiting: null, phase: "running-cell" } : l));
          const runId = currentRun.current!;
          let body;
          if (skipped) {
            body = {
              toolUseId: call.toolUseId,
              cellId: call.cellId,
              code,
              outputs: [],
              status: "cancelled" as const,
              skipped: true,
            };
          } else {
            runningCell.current = call.cellId;
            const result = await runtime.run(call.cellId, code, { awaitSavedFiles: true });
            runningCell.current = null;
            if (controller.signal.aborted) return;
            // Output files the cell wrote are saved before its result comes back (awaitSavedFiles),
            // so the observation can name them.
            body = {
              toolUseId: call.toolUseId,
              cellId: call.cellId,
              code,
              outputs: result?.outputs ?? [],
              status: result?.status ?? "error",
              savedFiles: result?.savedFiles,
            };
          }
          res = await agentApi.observe(runId, body, controller.signal);
        }
      } catch (e) {
        if (!controller.signal.aborted) setError((e as Error).message);
      } finally {
        if (abort.current === controller) abort.current = null;
        setLive(null);
        await refresh().catch(() => {});
      }
    },
    [consume, doc, refresh, runtime],
  );

  const start = useCallback(
    (prompt: string, mode: RunMode, params: { model?: string; effort?: Effort }) =>
      drive(() => agentApi.start(notebookId, { prompt, mode, ...params }, abort.current?.signal), mode),
    [drive, notebookId],
  );

  const resume = useCallback(
    (run: RunSummary) => drive(() => agentApi.resume(run.id, abort.current?.signal), run.mode),
    [drive],
  );

  /** Stop: close the model stream, interrupt a running agent cell, and record the stop. */
  const stop = useCallback(
    async (runId?: string) => {
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

  const decide = useCallback((run: boolean) => approval.current?.({ run }), []);
  const last = runs[runs.length - 1];
  const resumable = !live && last && RESUMABLE.has(last.status) ? last : null;
  // reportError: the panel's own failures (saving the model choice) share the run's error area.
  return {
    notebookId,
    runs,
    messages,
    live,
    error,
    clearError: () => setError(null),
    reportError: setError,
    start,
    stop,
    resume,
    decide,
    resumable,
  };
}
