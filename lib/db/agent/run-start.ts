// Starting an agent run in two round trips, with no interactive transaction: one statement reads
// everything the first user turn is built from (conversation, cells, files, settings), then the
// SQL function pylot_start_run (migration 20261123141500) checks and writes under the locks, and
// answers 'stale' if the conversation or settings changed in between (the caller reads again).
// The read also says whether the start will probably be accepted (no active run, under the rate
// limit); only then may the caller start the first model call while the run is being written.
// Holding a pool connection for one statement, not ~10 round trips, is what lets a burst of
// 1 000 run starts queue on the pool instead of timing out (npm run bench:agent).
import { pendingToolUses, type Block, type Turn } from "@/lib/agent/conversation";
import { FILE_CONTEXT_LIMITS } from "@/lib/agent/file-context";
import type { ContextCell } from "@/lib/agent/notebook-context";
import type { RunMode, RunRecord, StoredMessage } from "@/lib/agent/run-store";
import type { FileInfo } from "@/lib/files/file-info";
import type { FileKind } from "@/lib/files/file-paths";
import { AppError } from "@/lib/http/app-error";
import type { NotebookSettings } from "@/lib/notebook/cell";
import type { RequestSettings } from "@/lib/agent/model-request";
import type { Output } from "@/lib/notebook/outputs";
import { getPool } from "../client";
import { fromRunJson, fromMessageJson, jsonValue, type MessageJson, type RunJson } from "./json";

const STALE_RETRIES = 5;

/** What the first user turn of a run is built from. */
export interface RunStartSnapshot {
  cells: ContextCell[];
  /** When the notebook's previous run started, null if this is the first. */
  previousRequestAt: Date | null;
  /** Tool calls an earlier run left without results. */
  openToolUseIds: string[];
  /** The notebook's files (capped), each with its first bytes; fileCount is the real total. */
  files: (FileInfo & { head: Uint8Array })[];
  fileCount: number;
}

/** Work begun before the write it depends on, ended if the write does not happen. */
export interface EarlyWork {
  abort(reason?: unknown): void;
}

export interface CreateRunInput<E extends EarlyWork = EarlyWork> {
  prompt: string;
  mode: RunMode;
  /**
   * Picks the run's model, effort and conversation prefix version from the notebook's saved
   * settings (`hasConversation`: the notebook already has messages). May throw an AppError.
   */
  choose: (saved: NotebookSettings, hasConversation: boolean) => RequestSettings;
  maxSteps: number;
  runsPerMinute: number;
  userContent: (snapshot: RunStartSnapshot) => Block[];
  /**
   * Starts work that needs only the conversation (the first model call) alongside the insert. It is
   * called only when the read says the start will be accepted; it is aborted if it is refused after all.
   */
  startEarly?: (settings: RequestSettings, turns: Turn[]) => E;
}

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
async function readSnapshot(ownerId: string, notebookId: string, runsPerMinute: number) {
  const { headBytes, files: fileLimit } = FILE_CONTEXT_LIMITS;
  const { rows } = await getPool().query<SnapshotRow>({
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
  const previousAt = row.previousAtMs === null ? null : new Date(row.previousAtMs);
  return {
    settings: row.settings,
    previousAt,
    messages,
    cells,
    files,
    fileCount: row.fileCount,
    mayStart: row.mayStart,
  };
}

type StartAnswer =
  | { error: "not_found" | "stale" }
  | { error: "run_active"; runId: string }
  | { error: "rate_limited"; retryAfterMs: number }
  | { error?: undefined; run: RunJson; message: MessageJson };

function insertRun(
  ownerId: string,
  notebookId: string,
  input: CreateRunInput,
  run: RequestSettings,
  settings: unknown,
  lastId: string | null,
  content: Block[],
) {
  const values = [
    ownerId,
    notebookId,
    input.prompt,
    input.mode,
    run.model,
    input.maxSteps,
    input.runsPerMinute,
    JSON.stringify(settings),
    lastId,
    JSON.stringify(content),
    run.effort,
    run.promptVersion,
  ];
  return getPool()
    .query<{ answer: unknown }>({ name: "agent_run_start", text: START_SQL, values })
    .then(({ rows }) => jsonValue<StartAnswer>(rows[0]!.answer));
}

/** Creates the run with its first user turn; returns it with the whole conversation, as written. */
export async function createRun<E extends EarlyWork = EarlyWork>(
  ownerId: string,
  notebookId: string,
  input: CreateRunInput<E>,
): Promise<{ run: RunRecord; turns: StoredMessage[]; early?: E }> {
  for (let attempt = 0; attempt < STALE_RETRIES; attempt++) {
    const snap = await readSnapshot(ownerId, notebookId, input.runsPerMinute);
    if (!snap) throw new AppError("not_found", "No such notebook.");
    const settings = (snap.settings && typeof snap.settings === "object" ? snap.settings : {}) as NotebookSettings;
    const chosen = input.choose(settings, snap.messages.length > 0);
    const content: Block[] = input.userContent({
      cells: snap.cells,
      previousRequestAt: snap.previousAt,
      openToolUseIds: pendingToolUses(snap.messages).map((u) => u.id),
      files: snap.files,
      fileCount: snap.fileCount,
    });
    const last = snap.messages.at(-1);
    const inserted = insertRun(ownerId, notebookId, input, chosen, snap.settings, last?.id ?? null, content);
    // The insert is on its way first; the model call's request is built while it runs.
    const early = snap.mayStart ? input.startEarly?.(chosen, [...snap.messages, { role: "user", content }]) : undefined;
    const answer = await inserted.catch((err: unknown) => {
      early?.abort("run not started");
      throw err;
    });
    if (answer.error) early?.abort("run not started");
    switch (answer.error) {
      case undefined:
        return { run: fromRunJson(answer.run), turns: [...snap.messages, fromMessageJson(answer.message)], early };
      case "stale":
        continue;
      case "not_found":
        throw new AppError("not_found", "No such notebook.");
      case "run_active":
        throw new AppError(
          "run_active",
          "This notebook already has an agent run in progress. Stop it or let it finish before sending another request.",
          {
            runId: answer.runId,
          },
        );
      case "rate_limited": {
        const retryAfterSeconds = Math.max(1, Math.ceil(answer.retryAfterMs / 1000));
        throw new AppError(
          "rate_limited",
          `Too many agent requests: at most ${input.runsPerMinute} per minute. Try again in ${retryAfterSeconds} s.`,
          {
            retryAfterSeconds,
          },
        );
      }
    }
  }
  throw new AppError(
    "conflict",
    "The notebook's conversation kept changing while the run was starting; send the request again.",
    { reason: "busy" },
  );
}
