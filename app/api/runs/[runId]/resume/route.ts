import { resumeRun } from "@/lib/agent/run-service";
import { pgRunStore } from "@/lib/db/agent/pg-run-store";
import { requireOwner } from "@/lib/identity/request-owner";
import { ndjsonResponse } from "@/lib/http/ndjson";
import { idParam, route } from "@/lib/http/route";

/** Continues a run left running or interrupted: the next step, or its open tool calls again. */
export const POST = route<{ runId: string }>(async (req, params) => {
  const owner = requireOwner(req);
  const runId = idParam(params.runId, "agent run");
  return ndjsonResponse(req, await resumeRun(pgRunStore(owner), runId));
});
