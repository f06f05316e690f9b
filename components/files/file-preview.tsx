"use client";
// A stored file's preview: an image through <img> (served inline only for raster images), or the
// first rows of a CSV / the head of a text file, read from the preview route as JSON.
import { useEffect, useState } from "react";
import type { FileInfo, FilePreview } from "@/lib/files/file-info";
import { isInlineImage } from "@/lib/files/file-paths";
import { visibleText } from "@/lib/text/visible-text";
import { fileApi } from "@/lib/client/notebook-api";

export function FilePreviewView({ notebookId, file }: { notebookId: string; file: FileInfo }) {
  const image = isInlineImage(file.mime);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new upload at the same path (new sha256) must be previewed again
  useEffect(() => {
    if (image) return;
    let live = true;
    fileApi.preview(notebookId, file.path).then(
      (r) => live && setPreview(r.preview),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [notebookId, file.path, file.sha256, image]);

  const box = "mt-1 max-h-72 overflow-auto rounded border border-slate-200 bg-slate-50 text-xs";
  if (image) {
    return (
      <div className={box} data-testid="file-preview">
        <img
          src={fileApi.imageUrl(notebookId, file.path, file.sha256)}
          alt={`Preview of ${visibleText(file.path)}`}
          className="max-w-full"
        />
      </div>
    );
  }
  if (error)
    return (
      <p className="mt-1 text-xs text-red-700" data-testid="file-preview">
        {error}
      </p>
    );
  if (!preview)
    return (
      <p className="mt-1 text-xs text-slate-500" data-testid="file-preview">
        Loading preview…
      </p>
    );
  const notes = [
    preview.kind !== "image" && preview.kind !== "none" && preview.notUtf8
      ? "not valid UTF-8: shown with � for bad bytes"
      : null,
    preview.kind !== "image" && preview.kind !== "none" && preview.truncated ? "first part only" : null,
  ].filter(Boolean);
  return (
    <div data-testid="file-preview">
      {preview.kind === "table" && (
        <div className={box}>
          <table className="border-collapse font-mono" data-testid="file-preview-table">
            <tbody>
              {preview.rows.map((row, i) => (
                <tr key={i} className={i === 0 ? "bg-slate-100 font-semibold" : ""}>
                  {row.map((cell, j) => (
                    <td key={j} className="border border-slate-200 px-1.5 py-0.5 whitespace-pre">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.kind === "text" && (
        <pre className={`${box} whitespace-pre-wrap p-2 font-mono`}>{preview.text || "(empty file)"}</pre>
      )}
      {preview.kind === "none" && <p className="mt-1 text-xs text-slate-500">{preview.reason}</p>}
      {notes.length > 0 && <p className="mt-0.5 text-[11px] text-slate-500">{notes.join("; ")}</p>}
    </div>
  );
}
