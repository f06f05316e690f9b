// Node flags for the production server (npm start, and the test/benchmark stack that runs the
// same server). V8 otherwise lets the old generation grow while there is room: with 1 000 open
// agent streams the server peaked at ≈ 480–520 MB (idle ≈ 300 MB). A heap that grows by 10 % per
// collection instead of V8's dynamic factor, and a 4 MB young generation, keep the peak at
// ≈ 340 MB (idle ≈ 200 MB). --optimize-for-size did as well for memory but pins the young
// generation at 1 MB: 7× the scavenges, and ≈ 1.3 ms more per agent step (npm run bench:agent).
// PYLOT_NODE_FLAGS replaces them (e.g. "" to measure without).
const DEFAULT_FLAGS = "--heap-growing-percent=10 --max-semi-space-size=4";

export function serverNodeFlags(env: Record<string, string | undefined> = process.env): string[] {
  const flags = env.PYLOT_NODE_FLAGS ?? DEFAULT_FLAGS;
  return flags.split(/\s+/).filter(Boolean);
}
