// Tells a database outage (PostgreSQL stopped, restarting, unreachable) from a bug, so an outage is
// answered 503 with Retry-After (API) or a "reconnecting" page (owner pages) rather than a 500.
// Reads only error codes, so it needs neither Prisma nor pg: Prisma reports an unreachable server
// as P1001, and a raw pg query (lib/db/agent-sql.ts) as the socket's errno or a PostgreSQL
// SQLSTATE of class 08 (connection) or 57P0x (the server is shutting down or starting).

/** Seconds a client should wait before retrying during an outage (PostgreSQL restarts take a few). */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

const CODES = new Set([
  // Prisma: can't reach, timed out reaching, server closed the connection.
  "P1001",
  "P1002",
  "P1017",
  // Node sockets.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now (starting up or shutting down).
  "57P01",
  "57P02",
  "57P03",
]);

const MESSAGES = [
  /Connection terminated/i,
  /Can't reach database server/i,
  /Client has encountered a connection error/i,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  // Walk the cause chain (and AggregateError's list): drivers wrap the socket's error.
  const queue: unknown[] = [err];
  for (let seen = 0; queue.length > 0 && seen < 10; seen++) {
    const e = queue.shift();
    if (!e || typeof e !== "object") continue;
    const { code, message, cause, errors } = e as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === "string" && (CODES.has(code) || code.startsWith("08"))) return true;
    if (typeof message === "string" && MESSAGES.some((m) => m.test(message))) return true;
    if (cause) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return false;
}
