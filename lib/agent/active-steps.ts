// Model calls in flight in this server process, by run id, so a stop request aborts the upstream
// call at once. Other instances notice the stop on their next status poll (run-step.ts).
const cache = globalThis as { __pylotActiveSteps?: Map<string, Set<AbortController>> };
cache.__pylotActiveSteps ??= new Map();
const active = cache.__pylotActiveSteps;

export function trackStep(runId: string, controller: AbortController): () => void {
  let set = active.get(runId);
  if (!set) {
    set = new Set();
    active.set(runId, set);
  }
  set.add(controller);
  return () => {
    set.delete(controller);
    if (set.size === 0 && active.get(runId) === set) active.delete(runId);
  };
}

export function abortSteps(runId: string, reason = "stopped"): void {
  for (const c of active.get(runId) ?? []) c.abort(reason);
}
