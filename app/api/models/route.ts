import { listModels } from "@/lib/agent/models/model-catalog";
import { requireOwner } from "@/lib/identity/request-owner";
import { json, route } from "@/lib/http/route";

/** The models the picker offers: the API's live list (cached an hour) or, offline, the known table. */
export const GET = route(async (req) => {
  requireOwner(req);
  return json(await listModels());
});
