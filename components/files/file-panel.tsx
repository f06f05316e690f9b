"use client";
// The file panel: uploads (button; drag-and-drop is on the page), their progress and errors,
// then every stored file with its size, a preview, a download link and delete.
import { useRef, useState } from "react";
import type { FileInfo } from "@/lib/files/file-info";
import { humanSize } from "@/lib/files/file-paths";
import { fileApi } from "@/lib/client/notebook-api";
import { visibleText } from "@/lib/text/visible-text";
import { FilePreviewView } from "./file-preview";
import type { NotebookFiles } from "./use-notebook-files";

export function FilePanel({ notebookId, files }: { notebookId: string; files: NotebookFiles }) {
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState<string | null>(null);
  const groups: [string, FileInfo[]][] = [
    ["data/", files.files.filter((f) => f.kind === "data")],
    ["output/", files.files.filter((f) => f.kind === "output")],
  ];
  const btn = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50";

  return (
    <section
      className="flex max-h-[45vh] shrink-0 flex-col gap-2 overflow-auto rounded-lg border border-slate-200 bg-white p-3"
      aria-label="Files"
      data-testid="file-panel"
    >
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-semibold">Files</h2>
        <span className="text-xs text-slate-500">{files.files.length}</span>
        <span className="flex-1" />
        <span className="text-[11px] text-slate-400">≤ {humanSize(files.maxFileBytes)} each · or drop files here</span>
        <button type="button" className={btn} onClick={() => input.current?.click()}>
          Upload
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Upload files"
          data-testid="file-input"
          onChange={(e) => {
            const list = [...(e.target.files ?? [])];
            e.target.value = "";
            void files.upload(list);
          }}
        />
      </div>

      {files.uploads.map((u) => (
        <div
          key={u.key}
          className="text-xs"
          data-testid="file-upload"
          data-path={u.path}
          data-state={u.error ? "error" : "uploading"}
        >
          <div className="flex items-center gap-2">
            <span className="min-w-0 flex-1 truncate font-mono">{visibleText(u.path)}</span>
            {!u.error && (
              <span className="text-slate-500">
                {humanSize(u.loaded)} / {humanSize(u.total)}
              </span>
            )}
            {u.error && (
              <button type="button" className="underline" onClick={() => files.dismissUpload(u.key)}>
                Dismiss
              </button>
            )}
          </div>
          {u.error ? (
            <p role="alert" className="text-red-700" data-testid="file-upload-error">
              {u.error}
            </p>
          ) : (
            <progress
              className="h-1.5 w-full"
              max={u.total || 1}
              value={u.loaded}
              aria-label={`Uploading ${visibleText(u.path)}`}
            />
          )}
        </div>
      ))}

      {files.problems.length > 0 && (
        <div
          role="alert"
          className="rounded border border-amber-200 bg-amber-50 p-2 text-xs text-amber-900"
          data-testid="file-problems"
        >
          {files.problems.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          <button type="button" className="underline" onClick={files.dismissProblems}>
            Dismiss
          </button>
        </div>
      )}

      {files.files.length === 0 && files.uploads.length === 0 && (
        <p className="text-xs text-slate-500">
          No files yet. Uploads go to <code>data/</code>; files your code writes to <code>output/</code> appear here.
        </p>
      )}

      {groups.map(([dir, list]) =>
        list.length === 0 ? null : (
          <div key={dir}>
            <h3 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{dir}</h3>
            <ul className="divide-y divide-slate-100">
              {list.map((f) => (
                <li key={f.path} className="py-1 text-xs" data-testid="file-row" data-path={f.path}>
                  <div className="flex items-center gap-2">
                    <button
                      type="button"
                      className="min-w-0 flex-1 truncate text-left font-mono hover:underline"
                      title={`Preview ${visibleText(f.path)}`}
                      aria-label={`Preview ${visibleText(f.path)}`}
                      aria-expanded={open === f.path}
                      onClick={() => setOpen(open === f.path ? null : f.path)}
                    >
                      {visibleText(f.path.slice(dir.length))}
                    </button>
                    <span className="text-slate-500" data-testid="file-size">
                      {humanSize(f.size)}
                    </span>
                    <a
                      className={btn}
                      href={fileApi.downloadUrl(notebookId, f.path)}
                      download
                      aria-label={`Download ${visibleText(f.path)}`}
                    >
                      ↓
                    </a>
                    <button
                      type="button"
                      className={btn}
                      onClick={() => void files.remove(f.path)}
                      aria-label={`Delete ${visibleText(f.path)}`}
                    >
                      ✕
                    </button>
                  </div>
                  {open === f.path && <FilePreviewView notebookId={notebookId} file={f} />}
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
    </section>
  );
}
