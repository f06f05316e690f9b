"use client";
// The one Monaco wrapper. One model per cell (addressed by `path`), height follows content,
// keyboard shortcuts are editor actions (per instance, unlike addCommand which is global).
// Programmatic value changes go through executeEdits with a guard so they don't echo as typing.
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { useEffect, useRef, useState } from "react";
import type * as Monaco from "monaco-editor";

// Monaco is served from our own origin (copied to public/ at install); the CDN is not reachable.
loader.config({ paths: { vs: "/monaco/vs" } });

export interface CodeEditorKeys {
  onRunAndAdvance?: () => void; // Shift+Enter
  onRunInPlace?: () => void; // Ctrl/Cmd+Enter
  onEscape?: () => void;
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

const LINE_HEIGHT = 19;
const PADDING = 8;

export function CodeEditor(props: Props) {
  const { path, value, language, onChange, autoFocus, readOnly, ariaLabel } = props;
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const applyingExternal = useRef(false);
  const keys = useRef<CodeEditorKeys>(props);
  keys.current = props;
  const [height, setHeight] = useState(() => estimateHeight(value));

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    // Navigation → first editable editor, read by the start-up benchmark.
    if (performance.getEntriesByName("pylot:editor-ready").length === 0) performance.mark("pylot:editor-ready");
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
    editor.addCommand(monaco.KeyCode.Escape, () => keys.current.onEscape?.(), "!suggestWidgetVisible");
    if (autoFocus) editor.focus();
  };

  // A value coming from outside (the other tab's version, the agent typing): apply as an edit.
  useEffect(() => {
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
    <div style={{ height }} className="w-full" data-testid="code-editor" aria-label={ariaLabel}>
      <Editor
        path={path}
        defaultValue={value}
        defaultLanguage={language}
        language={language}
        onMount={onMount}
        onChange={(v) => {
          if (!applyingExternal.current) onChange(v ?? "");
        }}
        loading={<pre className="px-3 py-2 font-mono text-[13px] leading-[19px] text-slate-700">{value}</pre>}
        options={{
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
          ariaLabel,
        }}
      />
    </div>
  );
}

function estimateHeight(value: string): number {
  return value.split("\n").length * LINE_HEIGHT + 2 * PADDING;
}
