// Part 1: proxy overhead. One scripted agent step (fake `echo` scenario: a final text at once)
// through Pylot's POST /api/notebooks/:id/runs vs the SDK sending the very same request body
// straight to the fake. Interleaved (order alternating), a fresh notebook per Pylot run so every
// request is a first turn of the same size.
import Anthropic from "@anthropic-ai/sdk";
import { createNotebooks, ownerCookie, postNdjson } from "./agent-client";
import { row, summarize, type Summary } from "./stats";

interface DirectTimes {
  firstEventMs: number;
  firstTextMs: number;
  totalMs: number;
}

async function direct(client: Anthropic, body: Anthropic.MessageCreateParamsNonStreaming): Promise<DirectTimes> {
  const t0 = performance.now();
  const stream = client.messages.stream(body);
  let firstEventMs = NaN;
  let firstTextMs = NaN;
  for await (const ev of stream) {
    const now = performance.now() - t0;
    if (Number.isNaN(firstEventMs)) firstEventMs = now;
    if (Number.isNaN(firstTextMs) && ev.type === "content_block_delta" && ev.delta.type === "text_delta")
      firstTextMs = now;
  }
  await stream.finalMessage();
  return { firstEventMs, firstTextMs, totalMs: performance.now() - t0 };
}

// The SDK console.warns on every call with a deprecated model (the app's default, replayed here).
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].includes("is deprecated and will reach end-of-life")) return;
  warn(...args);
};

const diffRow = (label: string, a: Summary, b: Summary) =>
  `${label.padEnd(44)} p50 ${(a.p50 - b.p50).toFixed(2).padStart(7)}  p95 ${(a.p95 - b.p95).toFixed(2).padStart(7)}  p99 ${(a.p99 - b.p99).toFixed(2).padStart(7)} ms`;

export async function benchOverhead(
  base: string,
  secret: string,
  fakeUrl: string,
  reps: number,
  warmup = 15,
): Promise<string[]> {
  const cookie = ownerCookie(secret);
  const notebooks = await createNotebooks(base, [cookie], reps + warmup);
  const nonce = `bench-${Date.now()}`;
  const prompt = (i: number) => `[scenario:echo] ${nonce} #${String(i).padStart(5, "0")}`;
  const runOnce = async (i: number) => {
    const r = await postNdjson(base, `/api/notebooks/${notebooks[i]!.id}/runs`, cookie, {
      prompt: prompt(i),
      mode: "auto",
    });
    if (r.error || r.endStatus !== "completed")
      throw new Error(`Pylot run ${i} failed: ${r.error ?? `ended ${r.endStatus}`}`);
    return r;
  };

  // The first Pylot run's upstream request, replayed verbatim for the direct path.
  await runOnce(0);
  const log = (await (await fetch(`${fakeUrl}/__admin/requests?contains=${encodeURIComponent(prompt(0))}`)).json()) as {
    body: Record<string, unknown>;
  }[];
  const recorded = log[0]?.body;
  if (!recorded) throw new Error("the fake did not record Pylot's request");
  const { stream: _s, ...body } = recorded;
  const client = new Anthropic({ apiKey: "bench-key", baseURL: fakeUrl, logLevel: "off" });
  const directBody = body as unknown as Anthropic.MessageCreateParamsNonStreaming;

  const p = { first: [] as number[], text: [] as number[], total: [] as number[] };
  const d = { first: [] as number[], text: [] as number[], total: [] as number[] };
  const paired = { first: [] as number[], total: [] as number[] };
  for (let i = 1; i < reps + warmup; i++) {
    let pr: Awaited<ReturnType<typeof runOnce>>;
    let dr: DirectTimes;
    if (i % 2 === 0) {
      pr = await runOnce(i);
      dr = await direct(client, directBody);
    } else {
      dr = await direct(client, directBody);
      pr = await runOnce(i);
    }
    if (i < warmup) continue;
    p.first.push(pr.firstLineMs);
    p.text.push(pr.firstTextMs);
    p.total.push(pr.totalMs);
    d.first.push(dr.firstEventMs);
    d.text.push(dr.firstTextMs);
    d.total.push(dr.totalMs);
    paired.first.push(pr.firstTextMs - dr.firstTextMs);
    paired.total.push(pr.totalMs - dr.totalMs);
  }
  const s = {
    pf: summarize(p.first),
    pt: summarize(p.text),
    pT: summarize(p.total),
    df: summarize(d.first),
    dt: summarize(d.text),
    dT: summarize(d.total),
  };
  return [
    `-- 1. proxy overhead: one echo step, ${p.total.length} interleaved reps each (+${warmup} warm-up) --`,
    row("Pylot: first NDJSON line (run event)", s.pf),
    row("Pylot: first text_delta", s.pt),
    row("Pylot: stream end (run_end)", s.pT),
    row("SDK direct: first SSE event (message_start)", s.df),
    row("SDK direct: first text delta", s.dt),
    row("SDK direct: finalMessage", s.dT),
    diffRow("added, first event (line vs SSE event)", s.pf, s.df),
    diffRow("added, first text delta", s.pt, s.dt),
    diffRow("added, total (target p50 ≤ 5, p99 ≤ 20)", s.pT, s.dT),
    row("paired per-rep diff, first text delta", summarize(paired.first)),
    row("paired per-rep diff, total", summarize(paired.total)),
  ];
}
