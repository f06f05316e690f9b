// Summaries of timing samples, printed as aligned rows.
export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, min: s[0] ?? NaN, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

export function row(label: string, s: Summary, unit = "ms"): string {
  const f = (v: number) => v.toFixed(v < 10 ? 2 : 1).padStart(8);
  return `${label.padEnd(44)} n=${String(s.n).padStart(4)}  min${f(s.min)}  p50${f(s.p50)}  p95${f(s.p95)}  p99${f(s.p99)}  max${f(s.max)} ${unit}`;
}
