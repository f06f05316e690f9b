// Boots Pyodide in the worker: from the memory snapshot when one is offered and accepted
// (much faster: docs/adr/0003-pyodide-memory-snapshot.md), else normally. A snapshot that is missing (404), unreachable or refused
// (made by another Pyodide build: "Snapshot build id mismatch") is never fatal; the
// reason is reported so the page can tell which boot happened.
import type { PyodideAPI } from "pyodide";
import type { BootKind } from "../protocol";

type PyodideModule = typeof import("pyodide");

export interface Booted {
  py: PyodideAPI;
  boot: BootKind;
  snapshotError: string | null;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message.split("\n")[0]! : String(e));

/** Extra loadPyodide options, e.g. where packages come from (package-loader.ts). */
export type BootOptions = Omit<NonNullable<Parameters<PyodideModule["loadPyodide"]>[0]>, "indexURL" | "_loadSnapshot">;

export async function bootPyodide(
  indexURL: string,
  snapshotURL: string | null,
  progress: (message: string) => void,
  options: BootOptions = {},
): Promise<Booted> {
  const base = new URL(indexURL, globalThis.location.href);
  // Both downloads start at once; the snapshot body streams while pyodide.mjs is imported.
  const snapshot = snapshotURL ? fetch(new URL(snapshotURL, base)).catch((e: unknown) => e as Error) : null;
  progress("Loading Python…");
  // Imported by URL at run time so the worker and the runtime both come from our origin.
  const { loadPyodide } = (await import(/* webpackIgnore: true */ new URL("pyodide.mjs", base).href)) as PyodideModule;

  let snapshotError: string | null = null;
  if (snapshot) {
    const response = await snapshot;
    if (response instanceof Response && response.ok) {
      try {
        progress("Restoring Python from snapshot…");
        const py = await loadPyodide({ ...options, indexURL: base.href, _loadSnapshot: response.arrayBuffer() });
        return { py, boot: "snapshot", snapshotError: null };
      } catch (e) {
        snapshotError = `snapshot refused: ${errorText(e)}`;
      }
    } else {
      snapshotError =
        response instanceof Response
          ? `snapshot not available (HTTP ${response.status})`
          : `snapshot fetch failed: ${errorText(response)}`;
    }
  }
  progress("Starting Python…");
  const py = await loadPyodide({ ...options, indexURL: base.href });
  return { py, boot: "normal", snapshotError };
}
