// Monaco's Python completion and hover, answered by the running interpreter (lib/kernel/kernel-assist.ts)
// instead of Monaco's word list ("os.pa" offered "padding"). Providers are global per language,
// so they are registered once and ask whichever kernel the page runs now.
import type * as Monaco from "monaco-editor";
import {
  type AssistSource,
  type Completions,
  completeLine,
  dottedNameAt,
  inspectName,
} from "@/lib/kernel/kernel-assist";

let kernel: AssistSource | null = null;
let registered = false;

/** The kernel that answers completion and hover on this page (null: none). */
export function setCompletionKernel(source: AssistSource | null): void {
  kernel = source;
}

const BUSY = "Python is busy: completions come back when the cell finishes";

/** Wires a Python editor to the kernel: providers once per page, word suggestions off per editor. */
export function attachKernelCompletion(monaco: typeof Monaco, editor: Monaco.editor.IStandaloneCodeEditor): void {
  if (editor.getModel()?.getLanguageId() !== "python") return;
  editor.updateOptions({ wordBasedSuggestions: "off" });
  if (registered) return;
  registered = true;
  const kinds: Record<Completions["items"][number]["kind"], Monaco.languages.CompletionItemKind> = {
    module: monaco.languages.CompletionItemKind.Module,
    class: monaco.languages.CompletionItemKind.Class,
    function: monaco.languages.CompletionItemKind.Function,
    variable: monaco.languages.CompletionItemKind.Variable,
    keyword: monaco.languages.CompletionItemKind.Keyword,
    key: monaco.languages.CompletionItemKind.Property,
  };
  monaco.languages.registerCompletionItemProvider("python", {
    triggerCharacters: [".", "'", '"'],
    async provideCompletionItems(model, position) {
      const here = new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column);
      if (!kernel) return { suggestions: [] };
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const answer = await completeLine(kernel, line);
      if (answer.status === "busy") {
        const item = { label: BUSY, kind: monaco.languages.CompletionItemKind.Text, insertText: "", range: here };
        return { suggestions: [item], incomplete: true };
      }
      const { replace, items } = answer.value;
      const range = new monaco.Range(
        position.lineNumber,
        position.column - replace,
        position.lineNumber,
        position.column,
      );
      return {
        suggestions: items.map((item, i) => ({
          label: item.label,
          kind: kinds[item.kind],
          insertText: item.label,
          range,
          sortText: String(i).padStart(4, "0"),
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider("python", {
    async provideHover(model, position) {
      const name = dottedNameAt(model.getLineContent(position.lineNumber), position.column - 1);
      if (!kernel || !name) return null;
      const answer = await inspectName(kernel, name);
      if (answer.status === "busy") return { contents: [{ value: `_${BUSY}_` }] };
      if (!answer.value) return null;
      const { signature, type, doc } = answer.value;
      return {
        contents: [
          { value: `\`\`\`python\n${signature}\n\`\`\`` },
          { value: `${type}${doc ? `\n\n\`\`\`text\n${doc}\n\`\`\`` : ""}` },
        ],
      };
    },
  });
}
