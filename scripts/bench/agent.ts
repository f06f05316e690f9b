// npm run bench:agent: the agent proxy's costs on a fresh stack (embedded Postgres + production
// server) against the fake Anthropic server in its own process. Prints numbers; no asserts.
//   1. overhead of one scripted step through Pylot vs the SDK calling the fake directly
//   1b. the same for a step after a cell's result (POST observations), every step but the first
//   2. N concurrent slow streams on one server process: RSS, inter-event gaps, failures, CPU
// Env: BENCH_PORT (3400), BENCH_FAKE_PORT (3401), BENCH_AGENT_REPS (200), BENCH_AGENT_STREAMS
// (1000), BENCH_AGENT_OWNERS (100), BENCH_AGENT_DELAY (50 ms), BENCH_AGENT_CHUNKS (60 words),
// BENCH_AGENT_PARTS ("1,1b,2"), BENCH_AGENT_OBS_REPS (100); the server's Node flags: PYLOT_NODE_FLAGS.
import { startStack } from "../harness/stack";
import { benchConcurrency } from "./agent-concurrency";
import { benchObservation } from "./agent-observation";
import { benchOverhead } from "./agent-overhead";
import { cmdline, processTree, spawnFake } from "./agent-proc";

const num = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return process.env[name] && Number.isFinite(n) ? n : fallback;
};
const parts = (process.env.BENCH_AGENT_PARTS ?? "1,1b,2").split(",").map((s) => s.trim());
const secret = "bench-secret-0123456789abcdef0123456789";

const fake = await spawnFake(num("BENCH_FAKE_PORT", 3401));
const stack = await startStack({
  port: num("BENCH_PORT", 3400),
  secret,
  env: { ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: "bench-key", PYLOT_AGENT_RUNS_PER_MINUTE: "100000" },
}).catch(async (err: unknown) => {
  await fake.stop();
  throw err;
});
let failed = false;
try {
  const tree = processTree(stack.server.pid);
  console.log(`\n== Pylot agent benchmarks (${new Date().toISOString()}) ==`);
  console.log(`server process tree: ${tree.map((p) => `${p} [${cmdline(p)}]`).join(", ")}; fake pid ${fake.pid}`);
  if (parts.includes("1")) {
    for (const line of await benchOverhead(stack.url, secret, fake.url, num("BENCH_AGENT_REPS", 200)))
      console.log(line);
  }
  if (parts.includes("1b")) {
    for (const line of await benchObservation(stack.url, secret, fake.url, num("BENCH_AGENT_OBS_REPS", 100)))
      console.log(line);
  }
  if (parts.includes("2")) {
    const lines = await benchConcurrency(stack.url, secret, stack.server.pid, {
      streams: num("BENCH_AGENT_STREAMS", 1000),
      owners: num("BENCH_AGENT_OWNERS", 100),
      delayMs: num("BENCH_AGENT_DELAY", 50),
      chunks: num("BENCH_AGENT_CHUNKS", 60),
    });
    for (const line of lines) console.log(line);
  }
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await stack.stop();
  await fake.stop();
}
process.exit(failed ? 1 : 0);
