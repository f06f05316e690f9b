"use client";
// The agent panel: ask in plain language, pick the model and how hard it thinks, watch the run
// (notes, steps, tokens, cost against the budget, time), stop it, approve cells in "ask before
// running" mode, retry a failed request, and resume a run a reload interrupted. A one-line summary
// of the last run stays under the transcript.
import { useEffect, useRef, useState } from "react";
import type { NotebookSettings } from "@/lib/notebook/cell";
import { AgentTranscript } from "./agent-transcript";
import { EffortHint, EffortPicker } from "./effort-picker";
import { ModelPicker } from "./model-picker";
import { RetiredModelNotice } from "./retired-model-notice";
import { editCell } from "./cell-focus";
import { summaryText } from "./run-figures";
import { RunProgress } from "./run-progress";
import type { RunMode, useAgentRunner } from "./use-agent-runner";
import { useModelChoice } from "./use-model-choice";
import { useModelOptions } from "./use-model-options";

type Runner = ReturnType<typeof useAgentRunner>;

/** Errors in the person's terms: a retired model's 404, a request lost on the network. */
function plainError(message: string): string {
  if (/model/i.test(message) && /\b404\b|not_found/i.test(message))
    return "The selected model did not answer: it may have been retired. Pick another model above and ask again.";
  // The browser's own words for a request that never reached the server.
  if (/^(Failed to fetch|NetworkError|Load failed)/i.test(message))
    return "The request did not reach the server (the connection failed). Your prompt is kept: retry when you are back online.";
  return message;
}

export function AgentPanel({ runner, settings = {} }: { runner: Runner; settings?: NotebookSettings }) {
  const [prompt, setPrompt] = useState("");
  const [mode, setMode] = useState<RunMode>("auto");
  // Asking while the saved model is retired points at the notice rather than failing the run.
  const [noticeUrgent, setNoticeUrgent] = useState(false);
  const options = useModelOptions();
  const choice = useModelChoice(runner.notebookId, settings, options, runner.reportError);
  const { live, resumable, error, requested, clearRequest } = runner;

  function send(text: string): boolean {
    if (choice.unavailable) {
      setNoticeUrgent(true);
      return false;
    }
    void runner.start(text, mode, choice.runParams());
    return true;
  }

  function submit() {
    const text = prompt.trim();
    if (!text || live) return;
    if (send(text)) setPrompt("");
  }

  // A prompt asked from a cell ("Fix with agent"): sent at once, or left in the box while a run goes on.
  const sendRef = useRef(send);
  sendRef.current = send;
  useEffect(() => {
    if (!requested) return;
    clearRequest();
    if (live || !sendRef.current(requested.prompt)) setPrompt(requested.prompt);
  }, [requested, clearRequest, live]);

  // A failed request gives its prompt back to the box (unless something new was typed meanwhile).
  const failedPrompt = error && !live ? runner.sent?.prompt : undefined;
  useEffect(() => {
    if (failedPrompt) setPrompt((p) => p || failedPrompt);
  }, [failedPrompt]);

  function switchModel(id: string) {
    setNoticeUrgent(false);
    choice.selectModel(id);
  }

  return (
    <aside
      className="flex h-full flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3"
      aria-label="Agent"
      data-testid="agent-panel"
    >
      <div className="flex flex-col gap-1">
        {/* Wraps rather than squeezing the mode select: its label is never cut. */}
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <h2 className="text-sm font-semibold">Agent</h2>
          <span className="flex-1" />
          <select
            aria-label="Run mode"
            value={mode}
            onChange={(e) => setMode(e.target.value as RunMode)}
            className="max-w-full shrink-0 rounded border border-slate-200 py-0.5 pr-5 pl-1 text-xs"
          >
            <option value="auto">Run cells automatically</option>
            <option value="approve">Ask before running</option>
          </select>
        </div>
        <div className="flex items-center gap-2">
          <ModelPicker
            models={choice.models}
            value={choice.modelId}
            unavailable={choice.unavailable}
            onChange={switchModel}
          />
          {choice.option && choice.effort && (
            <EffortPicker efforts={choice.option.efforts} value={choice.effort} onChange={choice.selectEffort} />
          )}
        </div>
        {choice.effort && <EffortHint effort={choice.effort} />}
        {choice.source === "table" && (
          <p className="text-[11px] text-slate-400">Model list offline: showing known models</p>
        )}
        {options.status === "error" && (
          <p className="text-[11px] text-slate-400">
            Could not load the model list: runs use this notebook&apos;s saved model.
          </p>
        )}
      </div>

      {choice.unavailable && (
        <RetiredModelNotice
          model={choice.unavailable}
          urgent={noticeUrgent}
          onSwitch={() => switchModel(choice.unavailable!.replacement.id)}
        />
      )}

      <AgentTranscript
        messages={runner.messages}
        live={live}
        pending={runner.pending}
        stopped={runner.stopped}
        lookup={{ written: runner.written, cells: runner.cells }}
      />

      {live && (
        <RunProgress
          live={live}
          budget={runner.budget}
          cellPhase={runner.cellPhase}
          awaitingCode={runner.awaitingCode}
          onStop={() => void runner.stop()}
          onDecide={runner.decide}
          onEdit={editCell}
        />
      )}
      {runner.lastRun && !resumable && (
        <p className="font-mono text-[11px] text-slate-500" data-testid="agent-run-summary">
          {summaryText(runner.lastRun, runner.budget)}
        </p>
      )}
      {resumable && (
        <div
          role="status"
          data-testid="agent-resumable"
          className="rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900"
        >
          The last run did not finish ({resumable.status.replace("_", " ")}).
          <div className="mt-1 flex gap-2">
            <button
              type="button"
              className="rounded bg-amber-600 px-2 py-0.5 text-white"
              onClick={() => void runner.resume(resumable)}
            >
              Resume
            </button>
            <button
              type="button"
              className="rounded border border-amber-600 px-2 py-0.5"
              onClick={() => void runner.stop(resumable.id)}
            >
              End it
            </button>
          </div>
        </div>
      )}
      {error && (
        <div
          role="alert"
          data-testid="agent-error"
          className="rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800"
        >
          {plainError(error)}
          <div className="mt-1 flex gap-3">
            {runner.sent && !live && (
              <button
                type="button"
                className="rounded bg-red-700 px-2 py-0.5 text-white"
                onClick={() => {
                  setPrompt((p) => (p === runner.sent?.prompt ? "" : p));
                  runner.retry();
                }}
              >
                Retry
              </button>
            )}
            <button type="button" className="underline" onClick={runner.clearError}>
              Dismiss
            </button>
          </div>
        </div>
      )}

      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <textarea
          aria-label="Ask the agent"
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
          rows={3}
          placeholder="Ask in plain language, e.g. “load data/sales.csv and tell me which month grew most”"
          className="w-full resize-y rounded border border-slate-300 p-2 text-sm"
        />
        <button
          type="submit"
          disabled={!prompt.trim() || !!live}
          className="self-end rounded bg-violet-600 px-3 py-1 text-sm font-medium text-white disabled:opacity-50"
        >
          Ask
        </button>
      </form>
    </aside>
  );
}
