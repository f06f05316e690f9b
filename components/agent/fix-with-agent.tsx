"use client";
// "Fix with agent" on a traceback: the cell's code and its error go to the agent panel as a
// prompt. A context, so the notebook page hands the action to its cells without threading props.
import { createContext, useCallback, useContext, useRef } from "react";
import type { Output } from "@/lib/notebook/outputs";

type FixWithAgent = (cellId: string) => void;

const FixContext = createContext<FixWithAgent | null>(null);

export const FixWithAgentProvider = FixContext.Provider;

/** The action for a cell's traceback, or null outside a notebook page (the share page). */
export function useFixWithAgent(): FixWithAgent | null {
  return useContext(FixContext);
}

/** Tracebacks carry terminal colours; the model needs the text. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");
/** The end of a long traceback is where the error is. */
const MAX_TRACEBACK_LINES = 60;

export function fixPrompt(source: string, outputs: readonly Output[]): string {
  const errors = outputs.flatMap((o) => (o.output_type === "error" ? [o] : []));
  const traceback = errors
    .map((e) => (e.traceback.length ? e.traceback.join("\n") : `${e.ename}: ${e.evalue}`).replace(ANSI, ""))
    .join("\n\n")
    .split("\n");
  const shown = traceback.length > MAX_TRACEBACK_LINES ? ["…", ...traceback.slice(-MAX_TRACEBACK_LINES)] : traceback;
  return [
    "This cell fails. Find out why and fix it.",
    "",
    "```python",
    source,
    "```",
    "",
    "The error:",
    "",
    "```",
    shown.join("\n"),
    "```",
  ].join("\n");
}

/**
 * The page's handler: builds the prompt from the cell as it is now and asks the agent. Stable for
 * the page's life (it reads the latest arguments through a ref), so the memoized cells that use
 * the context do not re-render when the page does.
 */
export function useFixHandler(
  cells: { current: readonly { id: string; source: string; outputs: readonly Output[] }[] },
  ask: (prompt: string) => void,
  onAsked: () => void,
): FixWithAgent {
  const latest = useRef({ cells, ask, onAsked });
  latest.current = { cells, ask, onAsked };
  return useCallback((cellId: string) => {
    const { cells, ask, onAsked } = latest.current;
    const cell = cells.current.find((c) => c.id === cellId);
    if (!cell) return;
    ask(fixPrompt(cell.source, cell.outputs));
    onAsked();
  }, []);
}
