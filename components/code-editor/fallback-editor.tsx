"use client";
// The editor until Monaco is there: a plain <textarea> with the same font and the same run keys.
//
// It is usable from the first paint, before React has hydrated the page: its markup is
// rendered as an HTML string that React never touches (dangerouslySetInnerHTML is opaque to
// hydration), because React's own <textarea> hydration puts the server's text back and would
// throw away what the person typed meanwhile. Once mounted, this component adopts the text
// typed so far (and any run key pressed, queued by the page's early script: early-editing.ts)
// and drives the element imperatively.
import { useLayoutEffect, useRef, useState } from "react";
import { takeEarlyRunKeys } from "./early-editing";
import { fallbackMarkup } from "./fallback-markup";
import type { CodeEditorKeys } from "./code-editor";

interface Props {
  /** The model path; also names the textarea for the early script. */
  path: string;
  value: string;
  readOnly?: boolean;
  autoFocus?: boolean;
  ariaLabel?: string;
  onChange: (value: string) => void;
  keys: React.RefObject<CodeEditorKeys>;
  /** The live textarea, for Monaco to take over focus and caret. */
  areaRef: React.RefObject<HTMLTextAreaElement | null>;
  /** Called once the textarea is driven by React (the start-up benchmark's "editable" if no early mark). */
  onReady: () => void;
}

export function FallbackEditor({
  path,
  value,
  readOnly,
  autoFocus,
  ariaLabel,
  onChange,
  keys,
  areaRef,
  onReady,
}: Props) {
  const host = useRef<HTMLDivElement | null>(null);
  // Fixed for this element's life: a new string would make React replace the textarea (and its focus).
  const [markup] = useState(() => fallbackMarkup(path, value, ariaLabel, readOnly));
  /** The text as this component last saw or set it; `value` differing from it is an outside edit. */
  const known = useRef<string | null>(null);
  /** `value` as of the last commit: only a change of the prop is applied to the element. */
  const lastProp = useRef(value);
  const latest = useRef({ onChange, readOnly });
  latest.current = { onChange, readOnly };

  // biome-ignore lint/correctness/useExhaustiveDependencies: mount only; later props are applied by the effects below
  useLayoutEffect(() => {
    const area = host.current?.querySelector("textarea");
    if (!area) return;
    areaRef.current = area;
    // Typed before hydration: the element holds it, the document does not yet.
    known.current = area.value;
    lastProp.current = value;
    if (area.value !== value) latest.current.onChange(area.value);
    const onInput = () => {
      known.current = area.value;
      latest.current.onChange(area.value);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        keys.current.onRunInPlace?.();
      } else if (e.key === "Enter" && e.altKey) {
        e.preventDefault();
        keys.current.onRunAndInsert?.();
      } else if (e.key === "Enter" && e.shiftKey) {
        e.preventDefault();
        keys.current.onRunAndAdvance?.();
      } else if (e.key === "Escape") {
        keys.current.onEscape?.();
      } else if (e.key === "Tab" && !e.shiftKey && !latest.current.readOnly) {
        e.preventDefault();
        area.setRangeText("    ", area.selectionStart, area.selectionEnd, "end");
        onInput();
      }
    };
    area.addEventListener("input", onInput);
    area.addEventListener("keydown", onKeyDown);
    onReady();
    if (autoFocus) area.focus();
    // Run keys pressed before hydration, in order (the runs queue until Python is ready).
    for (const run of takeEarlyRunKeys(path)) {
      if (run === "advance") keys.current.onRunAndAdvance?.();
      else if (run === "insert") keys.current.onRunAndInsert?.();
      else keys.current.onRunInPlace?.();
    }
    return () => {
      area.removeEventListener("input", onInput);
      area.removeEventListener("keydown", onKeyDown);
      if (areaRef.current === area) areaRef.current = null;
    };
  }, []);

  // A value from outside (the other tab, the agent): write it into the element. A layout effect,
  // so it lands in the same task as the render that carries it (see CodeEditor).
  useLayoutEffect(() => {
    const area = areaRef.current;
    if (!area || value === lastProp.current) return;
    lastProp.current = value;
    if (value === known.current) return; // the echo of the person's own typing
    known.current = value;
    if (area.value !== value) area.value = value;
  }, [value, areaRef]);

  useLayoutEffect(() => {
    const area = areaRef.current;
    if (!area) return;
    area.readOnly = !!readOnly;
    if (ariaLabel) area.setAttribute("aria-label", ariaLabel);
    else area.removeAttribute("aria-label");
  }, [readOnly, ariaLabel, areaRef]);

  // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped markup we build (fallback-markup.ts), the same the server painted
  return <div ref={host} className="grid w-full" dangerouslySetInnerHTML={{ __html: markup }} />;
}
