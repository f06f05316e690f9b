// Starting an agent run in two round trips, with no interactive transaction: one statement reads
// everything the first user turn is built from (conversation, cells, files, settings), then the
// SQL function pylot_start_run (functions.sql) checks and writes under the locks, and answers
// 'stale' if the conversation or settings changed in between (the orchestrator reads again).
// The read also says whether the start will probably be accepted (no active run, under the rate
// limit); only then may the caller start the first model call while the run is being written.
// Holding a pool connection for one statement, not ~10 round trips, is what lets a burst of
// 1 000 run starts queue on the pool instead of timing out (npm run bench:agent).
import "server-only";
import { FILE_CONTEXT_LIMITS } from "@/lib/agent/file-context";
import type { ContextCell } from "@/lib/agent/notebook-context";
import type { NewRun, StartAnswer, StartSnapshot } from "@/lib/agent/run-store";
import type { FileInfo } from "@/lib/files/file-info";
import type { FileKind } from "@/lib/files/file-paths";
import type { Output } from "@/lib/notebook/outputs";
import { poolQuery } from "../client";
import { jsonParam } from "../text-codec";
import { fromRunJson, fromMessageJson, jsonValue, type MessageJson, type RunJson } from "./json";

interface SnapshotRow {
  settings: unknown;
  previousAtMs: number | null;
  messages: unknown;
  cells: unknown;
  files: unknown;
  fileCount: number;
  mayStart: boolean;
}

type CellJson = Omit<ContextCell, "createdAt" | "editedAt" | "outputs"> & {
  outputs: unknown;
  createdAtMs: number;
  editedAtMs: number | null;
};
type FileJson = Omit<FileInfo, "updatedAt"> & { kind: FileKind; updatedAtMs: number; headHex: string };

const SNAPSHOT_SQL = `
  SELECT n.settings,
    (SELECT floor(extract(epoch FROM max(r."createdAt")) * 1000)::float8 FROM "AgentRun" r WHERE r."notebookId" = n.id) AS "previousAtMs",
    (SELECT coalesce(json_agg(pylot_message_json(m) ORDER BY m.position), '[]') FROM "Message" m WHERE m."notebookId" = n.id) AS messages,
    (SELECT coalesce(json_agg(json_build_object('kind', c.kind, 'author', c.author, 'source', c.source, 'outputs', c.outputs,
        'executionCount', c."executionCount", 'createdAtMs', floor(extract(epoch FROM c."createdAt") * 1000),
        'editedAtMs', floor(extract(epoch FROM c."editedAt") * 1000)) ORDER BY c.position), '[]')
      FROM "Cell" c WHERE c."notebookId" = n.id) AS cells,
    (SELECT coalesce(json_agg(json_build_object('path', f.path, 'kind', f.kind, 'size', f.size, 'sha256', f.sha256, 'mime', f.mime,
        'updatedAtMs', floor(extract(epoch FROM f."updatedAt") * 1000), 'headHex', encode(substring(f.bytes FROM 1 FOR $3::int), 'hex'))
        ORDER BY f.kind, f.path), '[]')
      FROM (SELECT * FROM "File" WHERE "notebookId" = n.id ORDER BY kind ASC, path ASC LIMIT $4::int) f) AS files,
    (SELECT count(*)::int FROM "File" f WHERE f."notebookId" = n.id) AS "fileCount",
    NOT EXISTS (SELECT 1 FROM "AgentRun" r WHERE r."notebookId" = n.id AND r.status IN ('running', 'awaiting_approval'))
      AND (SELECT count(*) FROM (SELECT 1 FROM "AgentRun" r WHERE r."ownerId" = $2::uuid
        AND r."createdAt" > (clock_timestamp() AT TIME ZONE 'UTC') - interval '60 seconds' LIMIT $5::int) recent) < $5::int AS "mayStart"
  FROM "Notebook" n WHERE n.id = $1::uuid AND n."ownerId" = $2::uuid`;

const START_SQL =
  "SELECT pylot_start_run($1::uuid, $2::uuid, $3, $4, $5, $6::int, $7::int, $8::jsonb, $9::uuid, $10::jsonb, $11, $12) AS answer";

/** Everything the first user turn is built from, in one statement; null: not the owner's notebook. */
export async function readStartSnapshot(
  ownerId: string,
  notebookId: string,
  runsPerMinute: number,
): Promise<StartSnapshot | null> {
  const { headBytes, files: fileLimit } = FILE_CONTEXT_LIMITS;
  const { rows } = await poolQuery<SnapshotRow>({
    name: "agent_run_snapshot",
    text: SNAPSHOT_SQL,
    values: [notebookId, ownerId, headBytes, fileLimit, runsPerMinute],
  });
  const row = rows[0];
  if (!row) return null;
  const messages = jsonValue<MessageJson[]>(row.messages).map(fromMessageJson);
  const cells = jsonValue<CellJson[]>(row.cells).map(
    (c): ContextCell => ({
      kind: c.kind,
      author: c.author,
      source: c.source,
      outputs: Array.isArray(c.outputs) ? (c.outputs as Output[]) : [],
      executionCount: c.executionCount,
      createdAt: new Date(c.createdAtMs),
      editedAt: c.editedAtMs === null ? null : new Date(c.editedAtMs),
    }),
  );
  const files = jsonValue<FileJson[]>(row.files).map((f) => ({
    path: f.path,
    kind: f.kind,
    size: f.size,
    sha256: f.sha256,
    mime: f.mime,
    updatedAt: new Date(f.updatedAtMs).toISOString(),
    head: new Uint8Array(Buffer.from(f.headHex, "hex")),
  }));
  return {
    settings: row.settings,
    previousRequestAt: row.previousAtMs === null ? null : new Date(row.previousAtMs),
    messages,
    cells,
    files,
    fileCount: row.fileCount,
    mayStart: row.mayStart,
  };
}

type StartJson = Exclude<StartAnswer, { run: unknown }> | { error?: undefined; run: RunJson; message: MessageJson };

/**
 * Writes the run and its first user turn (pylot_start_run). The statement is sent before this
 * returns its promise, so the caller can build the first model call while it runs.
 */
export async function insertRun(ownerId: string, notebookId: string, input: NewRun): Promise<StartAnswer> {
  const values = [
    ownerId,
    notebookId,
    input.prompt,
    input.mode,
    input.model,
    input.maxSteps,
    input.runsPerMinute,
    jsonParam(input.snapshot.settings),
    input.snapshot.messages.at(-1)?.id ?? null,
    jsonParam(input.content),
    input.effort,
    input.promptVersion,
  ];
  const { rows } = await poolQuery<{ answer: unknown }>({ name: "agent_run_start", text: START_SQL, values });
  const answer = jsonValue<StartJson>(rows[0]!.answer);
  return answer.error ? answer : { run: fromRunJson(answer.run), message: fromMessageJson(answer.message) };
}
