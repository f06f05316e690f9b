// npm run bench:uploads: N concurrent uploads of M MB each (default 10 × 50 MB) to a real production
// server on its own PostgreSQL, sampling the server's memory (VmRSS of its process tree) before,
// at its peak and after, and timing each upload; then downloads each file back and checks its hash.
// Prints the numbers; asserts nothing about speed. Environment: BENCH_PORT, BENCH_UPLOADS,
// BENCH_UPLOAD_MB.
import { createHash, randomBytes } from "node:crypto";
import { startStack } from "../harness/stack";
import { processTree, rssMb, sampleRss } from "./agent-proc";
import { ownerSession } from "./owner-session";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const count = num("BENCH_UPLOADS", 10);
const mb = num("BENCH_UPLOAD_MB", 50);
const bytes = mb * 1024 * 1024;
const secret = randomBytes(24).toString("hex");
const treeRss = (root: number) => processTree(root).reduce((sum, p) => sum + (rssMb(p) || 0), 0);
const fmt = (n: number) => n.toFixed(0);

/** A body produced as it is sent (1 MB pieces of one random block), so the client holds little. */
function body(seed: Buffer): { stream: ReadableStream<Uint8Array>; sha256: () => string } {
  const hash = createHash("sha256");
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const piece = seed.subarray(0, Math.min(seed.length, bytes - sent));
      hash.update(piece);
      sent += piece.length;
      controller.enqueue(new Uint8Array(piece));
    },
  });
  return { stream, sha256: () => hash.digest("hex") };
}

const stack = await startStack({
  port: num("BENCH_PORT", 3470),
  secret,
  env: {
    PYLOT_MAX_FILE_BYTES: String(bytes),
    PYLOT_OWNER_QUOTA_BYTES: "0",
  },
});
try {
  const session = ownerSession(secret);
  const created = await fetch(`${stack.url}/api/notebooks`, {
    method: "POST",
    headers: { ...session.headers, "content-type": "application/json" },
    body: JSON.stringify({ title: "bench uploads" }),
  });
  const { notebook } = (await created.json()) as { notebook: { id: string } };
  const pid = stack.server.pid;
  await new Promise((r) => setTimeout(r, 1000));
  const before = treeRss(pid);
  const sampler = sampleRss(pid, 50);
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const b = body(randomBytes(1024 * 1024));
      const start = performance.now();
      const res = await fetch(`${stack.url}/api/notebooks/${notebook.id}/files/data/upload-${i}.bin`, {
        method: "PUT",
        headers: { ...session.headers, "content-type": "application/octet-stream", "content-length": String(bytes) },
        body: b.stream,
        duplex: "half",
      } as RequestInit);
      const reply = await res.text();
      return { i, status: res.status, seconds: (performance.now() - start) / 1000, sha256: b.sha256(), reply };
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const peaks = sampler.stop();
  const peak = [...peaks.values()].reduce((sum, p) => sum + p.peak, 0);
  await new Promise((r) => setTimeout(r, 2000));
  const after = treeRss(pid);

  let verified = 0;
  for (const r of results.filter((r) => r.status < 300)) {
    const res = await fetch(`${stack.url}/api/notebooks/${notebook.id}/files/data/upload-${r.i}.bin`, {
      headers: session.headers,
    });
    const hash = createHash("sha256");
    for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) hash.update(piece);
    if (hash.digest("hex") === r.sha256) verified++;
  }
  const downloadRss = treeRss(pid);

  const ok = results.filter((r) => r.status < 300).length;
  const times = results.map((r) => r.seconds).sort((a, b) => a - b);
  console.log(`bench:uploads: ${count} concurrent uploads of ${mb} MB to ${stack.url}`);
  console.log(`  succeeded ${ok}/${count}, downloads verified (sha256) ${verified}/${ok}`);
  for (const r of results.filter((r) => r.status >= 300))
    console.log(`  upload ${r.i}: ${r.status} ${r.reply.slice(0, 200)}`);
  console.log(
    `  upload seconds: min ${times[0]!.toFixed(1)}, median ${times[Math.floor(times.length / 2)]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}; wall ${wall.toFixed(1)} s`,
  );
  console.log(
    `  server RSS (process tree, MB): before ${fmt(before)}, peak ${fmt(peak)} (+${fmt(peak - before)}), after ${fmt(after)}, after downloads ${fmt(downloadRss)}`,
  );
  console.log(`  bound: peak growth < 300 MB → ${peak - before < 300 ? "within" : "OVER"}`);
} finally {
  await stack.stop();
}
process.exit(0);
