// Rows returned as JSON by the agent SQL functions (functions.sql): times are epoch
// milliseconds, the cost exact decimal text.
import "server-only";
import type { RunRecord, StoredMessage } from "@/lib/agent/run-store";
import { decodeDeep } from "../text-codec";
import { toRunRecord, toStoredMessage, type RunFields } from "./rows";

export interface RunJson extends RunFields {
  costUsd: string;
  createdAtMs: number;
  finishedAtMs: number | null;
}

export interface MessageJson {
  id: string;
  runId: string | null;
  role: string;
  content: unknown;
  position: number;
  createdAtMs: number;
}

/** json/jsonb columns of raw queries: parsed by the driver, or text when nested in a record. */
export function jsonValue<T>(value: unknown): T {
  // Parsed values were decoded by poolQuery; JSON text is decoded here, once parsed.
  return (typeof value === "string" ? decodeDeep(JSON.parse(value)) : value) as T;
}

export function fromRunJson(r: RunJson): RunRecord {
  return toRunRecord({
    ...r,
    createdAt: new Date(r.createdAtMs),
    finishedAt: r.finishedAtMs === null ? null : new Date(r.finishedAtMs),
  });
}

export function fromMessageJson(m: MessageJson): StoredMessage {
  return toStoredMessage({ ...m, createdAt: new Date(m.createdAtMs) });
}
