import { stopAgentRun } from "@/lib/agent/run-service";
import { pgRunStore } from "@/lib/db/agent/pg-run-store";
import { requireOwner } from "@/lib/identity/request-owner";
import { idParam, json, route } from "@/lib/http/route";

/** Stops a run (idempotent); a step streaming elsewhere notices and ends. */
export const POST = route<{ runId: string }>(async (req, params) => {
  const run = await stopAgentRun(pgRunStore(requireOwner(req)), idParam(params.runId, "agent run"));
  return json({ run });
});
