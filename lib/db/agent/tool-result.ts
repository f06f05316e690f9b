// Recording the browser's result for one pending tool call in two round trips, with no interactive
// transaction (like a run's start, run-start.ts): one statement reads the owned run and the
// conversation, the orchestrator builds the result, and pylot_add_tool_result (functions.sql)
// writes it under the locks unless the run or the conversation changed meanwhile ('stale': the
// orchestrator reads again). The stale check compares the turn's content as stored, so the read
// keeps it (the snapshot's token) exactly as PostgreSQL returned it.
import "server-only";
import type { ObserveSnapshot, ToolResultAnswer, ToolResultWrite } from "@/lib/agent/run-store";
import { poolQuery } from "../client";
import { jsonParam } from "../text-codec";
import { fromMessageJson, fromRunJson, jsonValue, type MessageJson, type RunJson } from "./json";

const READ_SQL = `
  SELECT pylot_run_json(r) AS run,
    (SELECT coalesce(json_agg(pylot_message_json(m) ORDER BY m.position), '[]') FROM "Message" m WHERE m."notebookId" = r."notebookId") AS messages
  FROM "AgentRun" r JOIN "Notebook" n ON n.id = r."notebookId"
  WHERE r.id = $1::uuid AND n."ownerId" = $2::uuid`;

const WRITE_SQL =
  "SELECT pylot_add_tool_result($1::uuid, $2::uuid, $3, $4::uuid, $5::uuid, $6::jsonb, $7::jsonb, $8::boolean) AS answer";

type WriteJson = { error: "not_found" | "stale" } | { error?: undefined; run: RunJson; message: MessageJson };

/** The owned run and its notebook's conversation; null: no such run. */
export async function readObserve(ownerId: string, runId: string): Promise<ObserveSnapshot | null> {
  const { rows } = await poolQuery<{ run: RunJson; messages: MessageJson[] }>({
    name: "agent_tool_result_read",
    text: READ_SQL,
    values: [runId, ownerId],
  });
  if (!rows[0]) return null;
  const raw = jsonValue<MessageJson[]>(rows[0].messages);
  return { run: fromRunJson(jsonValue<RunJson>(rows[0].run)), messages: raw.map(fromMessageJson), token: raw };
}

/** Writes one tool result (pylot_add_tool_result); the statement is sent before this returns. */
export async function writeToolResult(
  ownerId: string,
  runId: string,
  snapshot: ObserveSnapshot,
  write: ToolResultWrite,
): Promise<ToolResultAnswer> {
  const raw = snapshot.token as MessageJson[];
  const after = write.afterIndex >= 0 ? snapshot.messages[write.afterIndex]! : null;
  const { rows } = await poolQuery<{ answer: WriteJson }>({
    name: "agent_tool_result_write",
    text: WRITE_SQL,
    values: [
      ownerId,
      runId,
      snapshot.run.status,
      snapshot.messages.at(-1)?.id ?? null,
      after?.id ?? null,
      after ? jsonParam(raw[write.afterIndex]!.content) : null,
      jsonParam(write.content),
      write.resume,
    ],
  });
  const answer = jsonValue<WriteJson>(rows[0]!.answer);
  return answer.error ? answer : { run: fromRunJson(answer.run), message: fromMessageJson(answer.message) };
}
