// The shared notebook's files, download only (through the token's file route).
import type { SharedFileEntry } from "@/lib/db/shared-notebooks";

export function SharedFiles({ token, files }: { token: string; files: SharedFileEntry[] }) {
  if (files.length === 0) return <p className="text-xs text-slate-400">No files.</p>;
  return (
    <ul className="space-y-1 text-sm" data-testid="shared-files">
      {files.map((f) => (
        <li key={f.path} className="flex items-baseline gap-2">
          <a
            className="truncate text-blue-700 underline"
            href={`/s/${token}/files/${f.path.split("/").map(encodeURIComponent).join("/")}`}
            download
            rel="noreferrer"
          >
            {f.path}
          </a>
          <span className="shrink-0 text-xs text-slate-400">{formatSize(f.size)}</span>
        </li>
      ))}
    </ul>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
