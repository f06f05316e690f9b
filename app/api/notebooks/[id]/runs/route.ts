import { readLimits } from "@/lib/agent/limits";
import { notebookRunHistory, startRun } from "@/lib/agent/run-service";
import { pgRunStore } from "@/lib/db/agent/pg-run-store";
import { requireOwner } from "@/lib/identity/request-owner";
import { readJson } from "@/lib/http/read-json";
import { ndjsonResponse } from "@/lib/http/ndjson";
import { idParam, json, route } from "@/lib/http/route";
import { startRunSchema } from "./schema";

type P = { id: string };

/** Starts an agent run and streams its first step (NDJSON AgentEvents, lib/agent/events.ts). */
export const POST = route<P>(async (req, params) => {
  const owner = requireOwner(req);
  const notebookId = idParam(params.id, "notebook");
  const body = await readJson(req, startRunSchema);
  return ndjsonResponse(req, await startRun(pgRunStore(owner), notebookId, body));
});

/** The notebook's runs and conversation, for the agent panel after a reload, with the per-run budget it shows. */
export const GET = route<P>(async (req, params) => {
  const history = await notebookRunHistory(pgRunStore(requireOwner(req)), idParam(params.id, "notebook"));
  const { maxCostUsd, maxTokens } = readLimits();
  return json({ ...history, budget: { maxCostUsd, maxTokens } });
});
