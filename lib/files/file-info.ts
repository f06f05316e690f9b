// A stored file as the page and the agent see it (never its bytes).
import type { FileKind } from "./file-paths";

export interface FileInfo {
  /** "data/<name>" or "output/<name>", relative to the kernel's working directory. */
  path: string;
  kind: FileKind;
  size: number;
  sha256: string;
  mime: string;
  updatedAt: string;
}

/** What a preview shows: the first rows of a CSV, the head of a text file, or an image (by URL). */
export type FilePreview =
  | { kind: "table"; rows: string[][]; truncated: boolean; notUtf8: boolean }
  | { kind: "text"; text: string; truncated: boolean; notUtf8: boolean }
  | { kind: "image" }
  | { kind: "none"; reason: string };
