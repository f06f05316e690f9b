"use client";
// "Make a copy": forks the shared notebook into the reader's own notebooks and opens the copy.
import { useState } from "react";
import { notebookApi } from "@/lib/notebook/api-client";

export function ForkButton({ token }: { token: string }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  async function fork() {
    setState({ busy: true, error: null });
    try {
      const { notebook } = await notebookApi.fork(token);
      window.location.assign(`/notebooks/${notebook.id}`);
    } catch (e) {
      setState({ busy: false, error: (e as Error).message });
    }
  }
  return (
    <span className="flex items-center gap-2">
      {state.error && <span role="alert" className="text-sm text-red-700">{state.error}</span>}
      <button
        onClick={fork}
        disabled={state.busy}
        className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-60"
      >
        {state.busy ? "Copying…" : "Make a copy"}
      </button>
    </span>
  );
}
