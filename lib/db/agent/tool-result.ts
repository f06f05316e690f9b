// Recording the browser's result for one pending tool call in two round trips, with no interactive
// transaction (like a run's start, agent-run-start.ts): one statement reads the owned run and the
// conversation, the result is built here, and pylot_add_tool_result (migration 20261123141500)
// writes it under the locks unless the run or the conversation changed meanwhile ('stale': read
// again). The next step reuses the run and conversation as written. When this result is the last
// one awaited, the caller may start the next model call (startEarly) while the result is written.
import {
  pendingToolUses,
  withResultsFirst,
  type ToolResultBlock,
  type ToolUseBlock,
  type Turn,
} from "@/lib/agent/conversation";
import { ACTIVE_STATUSES, type RunRecord, type StoredMessage } from "@/lib/agent/run-store";
import { AppError } from "@/lib/http/app-error";
import { fromMessageJson, fromRunJson, jsonValue, type MessageJson, type RunJson } from "./json";
import type { EarlyWork } from "./run-start";
import { getPool } from "../client";

const STALE_RETRIES = 5;

const READ_SQL = `
  SELECT pylot_run_json(r) AS run,
    (SELECT coalesce(json_agg(pylot_message_json(m) ORDER BY m.position), '[]') FROM "Message" m WHERE m."notebookId" = r."notebookId") AS messages
  FROM "AgentRun" r JOIN "Notebook" n ON n.id = r."notebookId"
  WHERE r.id = $1::uuid AND n."ownerId" = $2::uuid`;

const WRITE_SQL =
  "SELECT pylot_add_tool_result($1::uuid, $2::uuid, $3, $4::uuid, $5::uuid, $6::jsonb, $7::jsonb, $8::boolean) AS answer";

type WriteAnswer = { error: "not_found" | "stale" } | { error?: undefined; run: RunJson; message: MessageJson };

/**
 * Records the browser's result for one pending tool call. Returns the run, the calls still open
 * (another result is awaited before the model is called again) and the conversation as written.
 */
export async function addObservation<E extends EarlyWork>(
  ownerId: string,
  runId: string,
  toolUseId: string,
  result: (use: ToolUseBlock) => ToolResultBlock,
  /** Given the run as read and the conversation as it will be; aborted unless the write succeeds. */
  startEarly?: (run: RunRecord, turns: Turn[]) => E | undefined,
): Promise<{ run: RunRecord; remaining: ToolUseBlock[]; turns: StoredMessage[]; early?: E }> {
  for (let attempt = 0; attempt < STALE_RETRIES; attempt++) {
    const { rows } = await getPool().query<{ run: RunJson; messages: MessageJson[] }>({
      name: "agent_tool_result_read",
      text: READ_SQL,
      values: [runId, ownerId],
    });
    if (!rows[0]) throw new AppError("not_found", "No such agent run.");
    const run = fromRunJson(jsonValue<RunJson>(rows[0].run));
    const raw = jsonValue<MessageJson[]>(rows[0].messages);
    const messages = raw.map(fromMessageJson);
    if (!ACTIVE_STATUSES.includes(run.status)) {
      throw new AppError(
        "conflict",
        `This run is ${run.status.replace("_", " ")}, so it is not waiting for a cell's result.`,
        { reason: "run_not_active", runStatus: run.status },
      );
    }
    const pending = pendingToolUses(messages);
    const use = pending.find((u) => u.id === toolUseId);
    if (!use) {
      const why = pending.length
        ? `it is waiting for the result of tool call ${pending.map((u) => u.id).join(", ")}, not ${toolUseId}`
        : "it is not waiting for any cell's result";
      throw new AppError("conflict", `This result does not fit the run: ${why}.`, { reason: "not_pending" });
    }
    const block = result(use);
    const remaining = pending.filter((u) => u.id !== toolUseId);
    // The results go into the user turn after the last assistant turn, or a new user turn.
    const lastAssistant = messages.findLastIndex((m) => m.role === "assistant");
    const afterIndex = lastAssistant >= 0 && messages[lastAssistant + 1]?.role === "user" ? lastAssistant + 1 : -1;
    const after = afterIndex >= 0 ? messages[afterIndex]! : null;
    const content = after ? withResultsFirst([...after.content, block]) : [block];
    const written = getPool().query<{ answer: WriteAnswer }>({
      name: "agent_tool_result_write",
      text: WRITE_SQL,
      values: [
        ownerId,
        runId,
        run.status,
        messages.at(-1)?.id ?? null,
        after?.id ?? null,
        after ? JSON.stringify(raw[afterIndex]!.content) : null,
        JSON.stringify(content),
        remaining.length === 0,
      ],
    });
    // The conversation as it will be once written, for the next model call when it may start now.
    const nextTurns = (): Turn[] =>
      after
        ? messages.map((m, i) => (i === afterIndex ? { role: m.role, content } : m))
        : [...messages, { role: "user", content }];
    const early = remaining.length === 0 && startEarly ? startEarly(run, nextTurns()) : undefined;
    const answer = await written.then(
      ({ rows }) => jsonValue<WriteAnswer>(rows[0]!.answer),
      (err: unknown) => {
        early?.abort("result not recorded");
        throw err;
      },
    );
    if (answer.error) early?.abort("result not recorded");
    if (answer.error === "stale") continue;
    if (answer.error) throw new AppError("not_found", "No such agent run.");
    const message = fromMessageJson(answer.message);
    const turns = after ? messages.map((m, i) => (i === afterIndex ? message : m)) : [...messages, message];
    return { run: fromRunJson(answer.run), remaining, turns, early };
  }
  throw new AppError("conflict", "The run kept changing while this result was being recorded; send it again.", {
    reason: "busy",
  });
}
