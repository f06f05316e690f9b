// npm run bench:auth: what resolving a signed-in session adds to an API request. The same route
// (GET /api/notebooks, an empty list) is called as an anonymous owner (cookie check only) and as a
// signed-in user (signature check + one indexed query for the session and its user), alternating
// in rounds in the same run. Prints min/p50/p95 of each and the difference of medians; no asserts.
// Env: BENCH_PORT (3470), BENCH_AUTH_REQUESTS (300 per identity per round), BENCH_AUTH_ROUNDS (3).
import { startStack } from "../harness/stack";
import { ownerSession, sessionHeaders } from "./owner-session";
import { row, summarize } from "./stats";

const num = (name: string, fallback: number) =>
  Number.isFinite(Number(process.env[name])) && process.env[name] ? Number(process.env[name]) : fallback;
const secret = "bench-secret-0123456789abcdef0123456789";
const requests = num("BENCH_AUTH_REQUESTS", 300);
const rounds = num("BENCH_AUTH_ROUNDS", 3);

const stack = await startStack({ port: num("BENCH_PORT", 3470), secret });
try {
  const anonymous = ownerSession(secret);
  const browser = ownerSession(secret);
  const signUp = await fetch(`${stack.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { ...browser.headers, "content-type": "application/json", origin: stack.url },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.test`, password: "bench passphrase 123", name: "b" }),
  });
  if (!signUp.ok) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const session = signUp.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.includes("session_token"));
  if (!session) throw new Error("sign-up set no session cookie");
  const signedIn = sessionHeaders(`${browser.cookie}; ${session}`);

  async function time(headers: Record<string, string>): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      const res = await fetch(`${stack.url}/api/notebooks`, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET /api/notebooks answered ${res.status}`);
      out.push(performance.now() - t0);
    }
    return out;
  }

  // Warm both paths (route compilation, prepared statements) before measuring.
  await time(anonymous.headers);
  await time(signedIn);
  const samples = { anonymous: [] as number[], signedIn: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    samples.anonymous.push(...(await time(anonymous.headers)));
    samples.signedIn.push(...(await time(signedIn)));
  }
  const a = summarize(samples.anonymous);
  const s = summarize(samples.signedIn);
  console.log(row("GET /api/notebooks, anonymous owner", a));
  console.log(row("GET /api/notebooks, signed-in session", s));
  console.log(
    `signed-in minus anonymous: p50 ${(s.p50 - a.p50).toFixed(2)} ms, p95 ${(s.p95 - a.p95).toFixed(2)} ms (ratio of p50 ${(s.p50 / a.p50).toFixed(2)}×)`,
  );
} finally {
  await stack.stop();
}
process.exit(0);
