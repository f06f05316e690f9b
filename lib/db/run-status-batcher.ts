// Every open model step re-reads its run's status about once a second (to notice a stop made on
// another instance). One query per read would grow with the number of open streams, and more the
// slower the server got; here the reads of a short window go out as one query. Each read still names its
// owner, so a run is only seen by its owner.
import "server-only";
import type { AgentRunStatus } from "@/lib/agent/events";
import { isUuid } from "@/lib/identity/uuid";
import { poolQuery } from "./client";

const WINDOW_MS = 20;
const BATCH_SQL = `
  SELECT r.id::text AS id, n."ownerId"::text AS "ownerId", r.status::text AS status
  FROM unnest($1::uuid[], $2::uuid[]) AS q(run_id, owner_id)
  JOIN "AgentRun" r ON r.id = q.run_id
  JOIN "Notebook" n ON n.id = r."notebookId" AND n."ownerId" = q.owner_id`;

interface Pending {
  runId: string;
  ownerId: string;
  resolve: (status: AgentRunStatus | null) => void;
  reject: (err: unknown) => void;
}

let queue: Pending[] = [];
// biome-ignore lint/correctness/noUnusedVariables: read by `??=` in schedule (Biome misses that read)
let timer: NodeJS.Timeout | null = null;

async function flush(): Promise<void> {
  const batch = queue;
  queue = [];
  timer = null;
  try {
    const { rows } = await poolQuery<{ id: string; ownerId: string; status: AgentRunStatus }>({
      name: "agent_run_status_batch",
      text: BATCH_SQL,
      values: [batch.map((p) => p.runId), batch.map((p) => p.ownerId)],
    });
    const found = new Map(rows.map((r) => [`${r.id}/${r.ownerId}`, r.status]));
    for (const p of batch) p.resolve(found.get(`${p.runId}/${p.ownerId}`) ?? null);
  } catch (err) {
    for (const p of batch) p.reject(err);
  }
}

/** The run's status if it is the owner's (null otherwise), read together with others due now. */
export function batchedRunStatus(ownerId: string, runId: string): Promise<AgentRunStatus | null> {
  // One malformed id must not fail the whole batch's query (it cannot name a run anyway).
  if (!isUuid(runId) || !isUuid(ownerId)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    queue.push({ runId: runId.toLowerCase(), ownerId: ownerId.toLowerCase(), resolve, reject });
    timer ??= setTimeout(() => void flush(), WINDOW_MS);
  });
}
