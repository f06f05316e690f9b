// One error type for every route: a code, an HTTP status and a message the person can read.
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  /** The path exists but not with this method (the response names the allowed ones in Allow). */
  | "method_not_allowed"
  | "conflict"
  /** The notebook already has an agent run in progress (details: runId). */
  | "run_active"
  | "payload_too_large"
  | "unsupported_media_type"
  /** Well-formed but not something we can take (e.g. an nbformat 3 notebook). */
  | "unprocessable"
  | "rate_limited"
  /** A dependency is not configured or reachable (e.g. no ANTHROPIC_API_KEY). */
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  run_active: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra JSON the client can act on (e.g. the current cell on a conflict). */
    readonly details?: Record<string, unknown>,
    /** Extra response headers (e.g. Retry-After on a 503, Allow on a 405). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string } & Record<string, unknown>;
}

export function errorResponse(err: AppError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message, ...err.details } };
  return Response.json(body, { status: err.status, headers: { "cache-control": "no-store", ...err.headers } });
}
