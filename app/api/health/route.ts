// Liveness: the process is up and serving. Touches nothing (not the database), so a load balancer
// or supervisor never restarts a healthy server because PostgreSQL is down; /api/ready says that.
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
