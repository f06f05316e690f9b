import { submitObservation } from "@/lib/agent/run-service";
import { pgRunStore } from "@/lib/db/agent/pg-run-store";
import { requireOwner } from "@/lib/identity/request-owner";
import { readJson } from "@/lib/http/read-json";
import { ndjsonResponse } from "@/lib/http/ndjson";
import { idParam, route } from "@/lib/http/route";
import { OBSERVATION_BODY_LIMIT, observationSchema } from "./schema";

/** The result of the cell the browser ran for a tool call; streams the next step. */
export const POST = route<{ runId: string }>(async (req, params) => {
  const owner = requireOwner(req);
  const runId = idParam(params.runId, "agent run");
  const body = await readJson(req, observationSchema, OBSERVATION_BODY_LIMIT);
  return ndjsonResponse(req, await submitObservation(pgRunStore(owner), runId, body));
});
