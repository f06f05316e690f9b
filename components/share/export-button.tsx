"use client";
// Downloads the notebook as .ipynb (fetched through the api-client so it carries the token).
import { useState } from "react";
import { notebookApi } from "@/lib/client/notebook-api";

export function ExportButton({ notebookId, className }: { notebookId: string; className: string }) {
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setError(null);
    try {
      const { blob, name } = await notebookApi.exportIpynb(notebookId);
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => void download()}
        aria-label="Export .ipynb"
        title="Download as a Jupyter notebook (.ipynb)"
      >
        Export
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </>
  );
}
