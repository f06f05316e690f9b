// CSRF defence for state-changing requests: the browser tells us where a request came from
// (Sec-Fetch-Site, Origin); a write from another site is refused even though the cookie rides along.
import type { NextRequest } from "next/server";
import { AppError } from "./app-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function checkSameOrigin(req: NextRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("forbidden", "Cross-site requests may not change data.");
  }
  const origin = req.headers.get("origin");
  if (origin && origin !== "null") {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new AppError("forbidden", "Malformed Origin header.");
    }
    if (host && originHost !== host) throw new AppError("forbidden", "Cross-origin requests may not change data.");
  } else if (origin === "null") {
    // Sandboxed iframes and opaque origins send "null": never trusted to write.
    throw new AppError("forbidden", "Requests from an opaque origin may not change data.");
  }
}
