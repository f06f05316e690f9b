// Backoff for saves that failed on the way (offline, server or database down): soon at first,
// then less often, never more than 10 s apart, so a save lands within seconds of recovery.
const FIRST_MS = 500;
const MAX_MS = 10_000;

/** The wait before retry number `failures` (0 for the first retry), with a little jitter. */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_MS, FIRST_MS * 2 ** Math.min(failures, 10));
  return Math.round(base * (0.8 + 0.4 * random()));
}
