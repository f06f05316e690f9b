// Node flags for the production server (npm start, and the test/benchmark stack that runs the
// same server). V8 otherwise lets the old generation grow while there is room, so a burst of agent
// streams leaves a high peak. A heap that grows by 10 % per collection and a 4 MB young generation
// keep it low; --optimize-for-size pins the young generation at 1 MB and slows each agent step.
// Measurements: docs/performance.md.
// PYLOT_NODE_FLAGS replaces them (e.g. "" to measure without).
const DEFAULT_FLAGS = "--heap-growing-percent=10 --max-semi-space-size=4";

export function serverNodeFlags(env: Record<string, string | undefined> = process.env): string[] {
  const flags = env.PYLOT_NODE_FLAGS ?? DEFAULT_FLAGS;
  return flags.split(/\s+/).filter(Boolean);
}
