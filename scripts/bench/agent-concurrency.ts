// Part 2: N concurrent slow agent streams on one server process (fake `slow-stream` scenario).
// Reports server RSS (sampled from /proc), client-side inter-event gaps, events received vs
// expected, and every stream that failed or came back incomplete.
import { loadavg } from "node:os";
import { createNotebooks, ownerCookie, postNdjson, type StreamResult } from "./agent-client";
import { cmdline, cpuSeconds, processTree, sampleRss } from "./agent-proc";
import { row, summarize } from "./stats";

export interface ConcurrencyOptions {
  streams: number;
  owners: number;
  delayMs: number;
  chunks: number;
}

/** What the fake's slow-stream scenario answers for `chunks` words. */
function expected(chunks: number): { text: string } {
  return {
    text: Array.from({ length: chunks }, (_, i) => `word${i + 1} `)
      .join("")
      .trimEnd(),
  };
}

export async function benchConcurrency(
  base: string,
  secret: string,
  serverPid: number,
  o: ConcurrencyOptions,
): Promise<string[]> {
  const cookies = Array.from({ length: o.owners }, () => ownerCookie(secret));
  const notebooks = await createNotebooks(base, cookies, o.streams);
  const want = expected(o.chunks);
  const tree = processTree(serverPid);
  const idleRss = sampleRss(serverPid).stop();
  const sampler = sampleRss(serverPid, 100);
  const cpu0 = new Map(tree.map((p) => [p, cpuSeconds(p)]));
  const t0 = performance.now();
  const results: StreamResult[] = await Promise.all(
    notebooks.map((nb, i) =>
      postNdjson(base, `/api/notebooks/${nb.id}/runs`, nb.cookie, {
        prompt: `[scenario:slow-stream delay=${o.delayMs} chunks=${o.chunks}] concurrent #${i}`,
        mode: "auto",
      }),
    ),
  );
  const wall = performance.now() - t0;
  const peaks = sampler.stop();
  const cpuUsed = new Map(tree.map((p) => [p, cpuSeconds(p) - cpu0.get(p)!]));

  const failures = new Map<string, number>();
  let ok = 0;
  let incomplete = 0;
  let events = 0;
  const gaps: number[] = [];
  for (const r of results) {
    events += r.textAt.length;
    for (let i = 1; i < r.textAt.length; i++) gaps.push(r.textAt[i]! - r.textAt[i - 1]!);
    if (r.error || r.status !== 200) {
      const key = (r.error ?? `HTTP ${r.status}`).replace(/[0-9a-f]{8,}|\d+ ?s\b/gi, "…").slice(0, 160);
      failures.set(key, (failures.get(key) ?? 0) + 1);
    } else if (r.endStatus !== "completed" || r.text !== want.text) {
      incomplete++;
      const key = `ended ${r.endStatus} with ${r.text.length}/${want.text.length} chars`;
      failures.set(key, (failures.get(key) ?? 0) + 1);
    } else ok++;
  }
  const okResults = results.filter((r) => !r.error && r.status === 200);
  // The fake's delta count per stream, taken from the streams that came back whole and exact.
  const perStream = summarize(results.filter((r) => r.text === want.text).map((r) => r.textAt.length));
  const lines = [
    `-- 2. ${o.streams} concurrent slow streams (delay=${o.delayMs} ms, chunks=${o.chunks} → ${want.text.length} chars each), ${o.owners} owner(s) --`,
    `wall time for all streams: ${(wall / 1000).toFixed(2)} s; complete & exact: ${ok}/${o.streams}; failed: ${o.streams - ok - incomplete}; incomplete: ${incomplete}`,
    `text_delta events received: ${events}; per complete stream min ${perStream.min} max ${perStream.max} (≈ ${((perStream.p50 * o.delayMs) / 1000).toFixed(1)} s of deltas at ${o.delayMs} ms); exact text = nothing lost in between`,
  ];
  for (const [k, n] of failures) lines.push(`  ${String(n).padStart(5)} × ${k}`);
  lines.push(
    row("time to first NDJSON line (ok streams)", summarize(okResults.map((r) => r.firstLineMs))),
    row(
      "time to first text_delta (ok streams)",
      summarize(okResults.map((r) => r.firstTextMs).filter(Number.isFinite)),
    ),
    row(`inter-event gap at client (fake: ${o.delayMs} ms)`, summarize(gaps)),
    row("stream duration (ok streams)", summarize(okResults.map((r) => r.totalMs))),
  );
  for (const pid of tree) {
    const peak = peaks.get(pid);
    const idle = idleRss.get(pid);
    lines.push(
      `server RSS pid ${pid} (${cmdline(pid)}): before ${idle?.peak.toFixed(0)} MB, peak during ${peak?.peak.toFixed(0)} MB (${peak?.samples} samples; target < 400)`,
    );
    // Near 1.0 = the server's one JavaScript thread was busy the whole time: latency is CPU, not waiting.
    const cpu = cpuUsed.get(pid)!;
    lines.push(
      `server CPU pid ${pid}: ${cpu.toFixed(1)} s in ${(wall / 1000).toFixed(1)} s of wall time (${(cpu / (wall / 1000)).toFixed(2)} cores); machine load average ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  return lines;
}
