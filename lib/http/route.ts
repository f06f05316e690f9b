// Wraps a route handler so every failure becomes one JSON error shape: AppError → its 4xx,
// anything else → a logged 500 with no stack trace in the body. Every request first passes the
// same-origin check and the double-submit token check (lib/http/csrf.ts), then its identity is
// resolved (lib/identity/request-owner.ts) for the handler's requireOwner.
import "server-only";
import type { NextRequest } from "next/server";
import { AppError, errorResponse } from "./app-error";
import { checkCsrfToken } from "./csrf";
import { isDatabaseUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from "./database-unavailable";
import { checkSameOrigin } from "./same-origin";
import { resolveIdentity } from "@/lib/identity/request-owner";
import { isUuid } from "@/lib/identity/uuid";

type Params = Record<string, string | string[] | undefined>;
type Context<P extends Params> = { params: Promise<P> };
type Handler<P extends Params> = (req: NextRequest, params: P) => Promise<Response>;

export function route<P extends Params = Params>(handler: Handler<P>) {
  return async (req: NextRequest, context: Context<P>): Promise<Response> => {
    try {
      checkSameOrigin(req);
      checkCsrfToken(req);
      await resolveIdentity(req);
      const params = context?.params ? await context.params : ({} as P);
      return await handler(req, params);
    } catch (err) {
      if (err instanceof AppError) return errorResponse(err);
      // Prisma could not get a connection or transaction slot in time: the server is busy, not broken.
      if ((err as { code?: string }).code === "P2028" || (err as { code?: string }).code === "P2024") {
        console.warn(`[api] ${req.method} ${req.nextUrl.pathname}: database busy`);
        return errorResponse(new AppError("unavailable", "The server is busy right now; try again in a moment."));
      }
      if (isDatabaseUnavailable(err)) {
        console.warn(`[api] ${req.method} ${req.nextUrl.pathname}: database unreachable`);
        return errorResponse(databaseOutage());
      }
      console.error(`[api] ${req.method} ${req.nextUrl.pathname} failed:`, err);
      return errorResponse(new AppError("internal", "Something went wrong on the server."));
    }
  };
}

/** 503 with Retry-After: the database is down or restarting; the request can be sent again as is. */
export function databaseOutage(): AppError {
  return new AppError(
    "unavailable",
    "The database is unreachable right now; your request was not applied. Try again in a few seconds.",
    undefined,
    { "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS) },
  );
}

/** Ids are UUIDs; anything else cannot exist, so it is a 404 rather than a database error. */
export function idParam(value: string | string[] | undefined, what: string): string {
  if (!isUuid(value)) throw new AppError("not_found", `No such ${what}.`);
  return value.toLowerCase();
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
