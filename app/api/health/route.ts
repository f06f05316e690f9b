// Liveness for the test harness and load balancers; touches nothing.
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
