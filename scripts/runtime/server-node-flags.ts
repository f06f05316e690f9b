// Node flags for the production server (npm start, and the test/benchmark stack that runs the
// same server). --optimize-for-size makes V8 collect the old generation sooner instead of letting
// it grow while there is room: with 1 000 open agent streams the server peaked at ≈ 520 MB without
// it and ≈ 360 MB with it (idle ≈ 300 → ≈ 180 MB), the proxy's added latency unchanged within
// noise (npm run bench:agent). PYLOT_NODE_FLAGS replaces them (e.g. "" to measure without).
export function serverNodeFlags(env: Record<string, string | undefined> = process.env): string[] {
  const flags = env.PYLOT_NODE_FLAGS ?? "--optimize-for-size";
  return flags.split(/\s+/).filter(Boolean);
}
