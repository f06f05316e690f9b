"use client";
// The agent panel: ask in plain language, watch the run (steps, tokens, cost, time), stop it,
// approve cells in "ask before running" mode, and resume a run a reload interrupted.
import { useState } from "react";
import { DEFAULT_MODEL, KNOWN_MODELS } from "@/lib/agent/pricing";
import { AgentTranscript } from "./agent-transcript";
import { RunProgress } from "./run-progress";
import type { RunMode, useAgentRunner } from "./use-agent-runner";

type Runner = ReturnType<typeof useAgentRunner>;

export function AgentPanel({ runner, initialModel }: { runner: Runner; initialModel?: string }) {
  const [prompt, setPrompt] = useState("");
  const [mode, setMode] = useState<RunMode>("auto");
  const [model, setModel] = useState(initialModel && KNOWN_MODELS.includes(initialModel) ? initialModel : DEFAULT_MODEL);
  const { live, resumable, error } = runner;

  function submit() {
    const text = prompt.trim();
    if (!text || live) return;
    setPrompt("");
    void runner.start(text, mode, model);
  }

  return (
    <aside className="flex h-full flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-label="Agent" data-testid="agent-panel">
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-semibold">Agent</h2>
        <span className="flex-1" />
        <select aria-label="Model" value={model} onChange={(e) => setModel(e.target.value)} className="rounded border border-slate-200 px-1 py-0.5 text-xs">
          {KNOWN_MODELS.map((m) => (
            <option key={m} value={m}>{m}</option>
          ))}
        </select>
        <select aria-label="Run mode" value={mode} onChange={(e) => setMode(e.target.value as RunMode)} className="rounded border border-slate-200 px-1 py-0.5 text-xs">
          <option value="auto">Run cells automatically</option>
          <option value="approve">Ask before running</option>
        </select>
      </div>

      <AgentTranscript messages={runner.messages} liveText={live?.text ?? null} />

      {live && <RunProgress live={live} onStop={() => void runner.stop()} onDecide={runner.decide} />}
      {resumable && (
        <div role="status" data-testid="agent-resumable" className="rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900">
          The last run did not finish ({resumable.status.replace("_", " ")}).
          <div className="mt-1 flex gap-2">
            <button className="rounded bg-amber-600 px-2 py-0.5 text-white" onClick={() => void runner.resume(resumable)}>Resume</button>
            <button className="rounded border border-amber-600 px-2 py-0.5" onClick={() => void runner.stop(resumable.id)}>End it</button>
          </div>
        </div>
      )}
      {error && (
        <div role="alert" data-testid="agent-error" className="rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800">
          {error} <button className="underline" onClick={runner.clearError}>Dismiss</button>
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
        <button type="submit" disabled={!prompt.trim() || !!live} className="self-end rounded bg-violet-600 px-3 py-1 text-sm font-medium text-white disabled:opacity-50">
          Ask
        </button>
      </form>
    </aside>
  );
}
