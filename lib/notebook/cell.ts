// The saved notebook document: what a reload shows. Runtime state (running, queued,
// kernel status) lives apart, in the UI (see components/notebook/use-cell-runtime.ts).
import * as z from "zod/mini";
import type { ImageAttachments } from "./attachments";
import type { Output } from "./outputs";

export const cellKindSchema = z.enum(["code", "markdown", "raw"]);
export type CellKind = z.infer<typeof cellKindSchema>;
export type CellAuthor = "person" | "agent";

export interface CellDoc {
  id: string;
  kind: CellKind;
  source: string;
  author: CellAuthor;
  outputs: Output[];
  executionCount: number | null;
  /** Optimistic-concurrency version: bumped by every source/kind save. */
  version: number;
  durationMs: number | null;
  /** A markdown cell's image attachments from an imported .ipynb (`![x](attachment:x.png)`). */
  attachments?: ImageAttachments;
}

export interface NotebookSettings {
  model?: string;
  mode?: "auto" | "approve";
  /** Effort level sent with each model call (lib/agent/models/model-options.ts). */
  effort?: "low" | "medium" | "high" | "xhigh" | "max";
  /** The system prompt and tool version the notebook's conversation started with (append-only). */
  promptVersion?: string;
  /** Share-link readers also see the agent's progress notes (off unless the owner opts in). */
  shareNotes?: boolean;
}

export interface NotebookDoc {
  id: string;
  title: string;
  settings: NotebookSettings;
  revision: number;
  updatedAt: string;
  cells: CellDoc[];
}

export interface NotebookSummary {
  id: string;
  title: string;
  updatedAt: string;
  cellCount: number;
}

/** Limits shared by the API schemas and the UI. */
export const LIMITS = {
  titleLength: 200,
  sourceLength: 1_000_000,
  cellsPerNotebook: 5_000,
  /** Serialized outputs of one cell; larger outputs are trimmed before saving. */
  outputBytes: 8 * 1024 * 1024,
} as const;
