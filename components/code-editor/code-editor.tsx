"use client";
// The one Monaco wrapper. One model per cell (addressed by `path`), height follows content,
// keyboard shortcuts are editor actions (per instance, unlike addCommand which is global).
// Programmatic value changes go through executeEdits with a guard so they don't echo as typing.
//
// Until Monaco has loaded (several MB, and it waits for the Python kernel to be ready so the two
// don't compete for the CPU: see releaseMonaco), each cell is a plain <textarea> with the same
// font and the same keys (fallback-editor.tsx), editable even before the page has hydrated;
// Monaco takes over its current value, focus and caret.
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type * as Monaco from "monaco-editor";
import { FallbackEditor } from "./fallback-editor";
import { attachKernelCompletion } from "./kernel-completion";

// Monaco is served from our own origin (copied to public/ at install); the CDN is not reachable.
loader.config({ paths: { vs: "/monaco/vs" } });

// ------------------------------------------------------------------ when Monaco may load
let monacoReleased = false;
const gateListeners = new Set<() => void>();
/** Lets Monaco load (the notebook calls this once Python is up, or failed). Idempotent. */
export function releaseMonaco(): void {
  if (monacoReleased) return;
  monacoReleased = true;
  for (const l of gateListeners) l();
}
const MONACO_FALLBACK_MS = 8000; // load it anyway if nobody releases it
// biome-ignore lint/correctness/noUnusedVariables: read by `??=` below (Biome misses that read)
let fallback: ReturnType<typeof setTimeout> | null = null;
function subscribeGate(l: () => void) {
  gateListeners.add(l);
  fallback ??= setTimeout(releaseMonaco, MONACO_FALLBACK_MS);
  return () => gateListeners.delete(l);
}
const useMonacoReleased = () =>
  useSyncExternalStore(
    subscribeGate,
    () => monacoReleased,
    () => false,
  );

function markEditorReady() {
  // Navigation → first editable editor, read by the start-up benchmark.
  if (performance.getEntriesByName("pylot:editor-ready").length === 0) performance.mark("pylot:editor-ready");
}

export interface CodeEditorKeys {
  onRunAndAdvance?: () => void; // Shift+Enter
  onRunInPlace?: () => void; // Ctrl/Cmd+Enter
  onRunAndInsert?: () => void; // Alt+Enter
  onEscape?: () => void; // to command mode
}

// The notebook moves the cursor between cells (Shift+Enter, Enter in command mode): each editor
// registers how to focus it, by its path, whether it is Monaco or still the fallback textarea.
/** A key typed on the person's behalf: text at the cursor, or Backspace. */
export type TypedKey = { text: string } | "Backspace";
interface EditorHandle {
  focus(): void;
  type(key: TypedKey): void;
}
const editors = new Map<string, EditorHandle>();
/** Focuses the editor of `path`; false if it is not on the page. */
export function focusCodeEditor(path: string): boolean {
  const editor = editors.get(path);
  editor?.focus();
  return editor !== undefined;
}

/**
 * Types into the editor of `path` as the keyboard would (Monaco's own "type" command, so
 * auto-indent and bracket pairs apply): keys the notebook held while a new cell was on its way
 * to the server (use-command-mode.ts). False if the editor is not on the page.
 */
export function typeInCodeEditor(path: string, key: TypedKey): boolean {
  const editor = editors.get(path);
  editor?.type(key);
  return editor !== undefined;
}

interface Props extends CodeEditorKeys {
  path: string;
  value: string;
  language: "python" | "markdown" | "plaintext";
  onChange: (value: string) => void;
  autoFocus?: boolean;
  readOnly?: boolean;
  ariaLabel?: string;
}

/** The fallback textarea's selection, as offsets into its text (start = end: a caret). */
interface FallbackSelection {
  start: number;
  end: number;
  backward: boolean;
}

const LINE_HEIGHT = 19;
const PADDING = 8;

export function CodeEditor(props: Props) {
  const { path, value, language, onChange, autoFocus, readOnly, ariaLabel } = props;
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const applyingExternal = useRef(false);
  const keys = useRef<CodeEditorKeys>(props);
  keys.current = props;
  const [height, setHeight] = useState(() => estimateHeight(value));
  const released = useMonacoReleased();
  const [mounted, setMounted] = useState(false);
  const fallbackRef = useRef<HTMLTextAreaElement | null>(null);
  /** Set at Monaco's mount: the caret or selection to take over from the focused fallback ("focus": just focus). */
  const handOver = useRef<FallbackSelection | "focus" | null>(null);

  // One object per (readOnly, ariaLabel): the wrapper calls updateOptions whenever it changes.
  const options = useMemo<Monaco.editor.IStandaloneEditorConstructionOptions>(
    () => ({
      readOnly,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      lineNumbers: "off",
      glyphMargin: false,
      folding: false,
      lineDecorationsWidth: 8,
      renderLineHighlight: "none",
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      wordWrap: "on",
      fontSize: 13,
      lineHeight: LINE_HEIGHT,
      padding: { top: PADDING, bottom: PADDING },
      automaticLayout: true,
      fixedOverflowWidgets: true,
      scrollbar: { vertical: "hidden", alwaysConsumeMouseWheel: false, verticalScrollbarSize: 0 },
      tabSize: 4,
      // The default ("prompt") raises a native confirm per cell holding U+2028/U+2029 and, if
      // accepted, rewrites the source: a cell's text is kept exactly as saved.
      unusualLineTerminators: "off",
      ariaLabel,
    }),
    [readOnly, ariaLabel],
  );

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    markEditorReady();
    // The person may be typing in the fallback textarea: keep focus and caret. Monaco is still
    // hidden here (visibility: hidden cannot take focus), so the focus moves once it is shown.
    const area = fallbackRef.current;
    // Text typed in the fallback while Monaco was being created: the fallback's is the newest.
    const model = editor.getModel();
    if (area && model && model.getValue() !== area.value) {
      applyingExternal.current = true;
      editor.executeEdits("pylot-fallback", [{ range: model.getFullModelRange(), text: area.value }]);
      editor.pushUndoStop();
      applyingExternal.current = false;
    }
    if (area && document.activeElement === area)
      handOver.current = {
        start: area.selectionStart,
        end: area.selectionEnd,
        backward: area.selectionDirection === "backward",
      };
    else if (autoFocus) handOver.current = "focus";
    setMounted(true);
    editor.onDidContentSizeChange((e) => setHeight(Math.max(LINE_HEIGHT + 2 * PADDING, e.contentHeight)));
    setHeight(Math.max(LINE_HEIGHT + 2 * PADDING, editor.getContentHeight()));
    editor.addAction({
      id: "pylot.run-and-advance",
      label: "Run cell and select below",
      keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter],
      run: () => keys.current.onRunAndAdvance?.(),
    });
    editor.addAction({
      id: "pylot.run-in-place",
      label: "Run cell",
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => keys.current.onRunInPlace?.(),
    });
    editor.addAction({
      id: "pylot.run-and-insert",
      label: "Run cell and insert below",
      keybindings: [monaco.KeyMod.Alt | monaco.KeyCode.Enter],
      run: () => keys.current.onRunAndInsert?.(),
    });
    // An action, not addCommand (which is global: the last editor's handler would take every Esc).
    editor.addAction({
      id: "pylot.command-mode",
      label: "Leave the editor (command mode)",
      keybindings: [monaco.KeyCode.Escape],
      keybindingContext: "!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible",
      run: () => keys.current.onEscape?.(),
    });
    attachKernelCompletion(monaco, editor);
  };

  // Monaco is shown in this commit: give it the focus the fallback had (or autoFocus asked for).
  useLayoutEffect(() => {
    const editor = editorRef.current;
    const at = handOver.current;
    if (!mounted || !editor || at === null) return;
    handOver.current = null;
    editor.focus();
    const model = editor.getModel();
    if (at === "focus" || !model) return;
    // The selection as it was, its direction included (Shift+arrows go on from the same end).
    const start = model.getPositionAt(at.start);
    const end = model.getPositionAt(at.end);
    const [anchor, active] = at.backward ? [end, start] : [start, end];
    editor.setSelection({
      selectionStartLineNumber: anchor.lineNumber,
      selectionStartColumn: anchor.column,
      positionLineNumber: active.lineNumber,
      positionColumn: active.column,
    });
  }, [mounted]);

  useLayoutEffect(() => {
    const focus = () => (editorRef.current ?? fallbackRef.current)?.focus();
    const type = (key: TypedKey) => {
      const editor = editorRef.current;
      if (editor) {
        if (key === "Backspace") editor.trigger("keyboard", "deleteLeft", null);
        else editor.trigger("keyboard", "type", { text: key.text });
        return;
      }
      const area = fallbackRef.current;
      if (!area) return;
      const { selectionStart: start, selectionEnd: end } = area;
      if (key === "Backspace") area.setRangeText("", start === end ? Math.max(0, start - 1) : start, end, "end");
      else area.setRangeText(key.text, start, end, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    };
    const handle: EditorHandle = { focus, type };
    editors.set(path, handle);
    return () => {
      if (editors.get(path) === handle) editors.delete(path);
    };
  }, [path]);

  // A value coming from outside (the other tab's version, the agent typing): apply as an edit.
  // A layout effect, not a passive one: a passive effect runs after paint, when the person may
  // already have typed the next key, and would then "restore" the stale echo of their own text,
  // deleting that key. A layout effect runs in the same task as the render that carries `value`.
  useLayoutEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === value) return;
    applyingExternal.current = true;
    editor.pushUndoStop();
    editor.executeEdits("pylot-external", [{ range: model.getFullModelRange(), text: value }]);
    editor.pushUndoStop();
    applyingExternal.current = false;
  }, [value]);

  return (
    // Until Monaco is there the height is a floor: the textarea grows past it with wrapped lines.
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: names the cell's editor box for tests; the textarea inside carries the accessible name
    <div
      style={mounted ? { height } : { minHeight: height }}
      className={`relative w-full ${mounted ? "" : "grid"}`}
      data-testid="code-editor"
      aria-label={ariaLabel}
    >
      {!mounted && (
        <FallbackEditor
          path={path}
          areaRef={fallbackRef}
          value={value}
          readOnly={readOnly}
          autoFocus={autoFocus}
          ariaLabel={ariaLabel}
          onChange={(v) => {
            setHeight(estimateHeight(v));
            onChange(v);
          }}
          keys={keys}
          onReady={markEditorReady}
        />
      )}
      {released && (
        <div className={mounted ? "h-full w-full" : "invisible absolute inset-0"}>
          <Editor
            path={path}
            defaultValue={value}
            defaultLanguage={language}
            language={language}
            onMount={onMount}
            onChange={(v) => {
              if (!applyingExternal.current) onChange(v ?? "");
            }}
            loading={null}
            options={options}
          />
        </div>
      )}
    </div>
  );
}

function estimateHeight(value: string): number {
  return value.split("\n").length * LINE_HEIGHT + 2 * PADDING;
}
