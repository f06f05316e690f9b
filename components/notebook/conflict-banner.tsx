"use client";

export function ConflictBanner({
  theirs,
  onResolve,
}: {
  theirs: string;
  onResolve: (keep: "mine" | "theirs") => void;
}) {
  return (
    <div
      role="alert"
      data-testid="conflict-banner"
      className="mb-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900"
    >
      <p className="mb-1 font-medium">This cell was changed in another tab or window.</p>
      <details className="mb-2">
        <summary className="cursor-pointer text-xs">Show their version</summary>
        <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap bg-white p-2 font-mono text-xs">{theirs}</pre>
      </details>
      <div className="flex gap-2">
        <button
          type="button"
          className="rounded bg-amber-600 px-2 py-1 text-xs text-white"
          onClick={() => onResolve("mine")}
        >
          Keep mine
        </button>
        <button
          type="button"
          className="rounded border border-amber-600 px-2 py-1 text-xs"
          onClick={() => onResolve("theirs")}
        >
          Use theirs
        </button>
      </div>
    </div>
  );
}
