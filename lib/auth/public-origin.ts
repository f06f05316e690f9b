// The origin Better Auth builds its links on (mailed verification and reset links, the OpenID Connect
// redirect URI) and derives the passkey relying party from. The Next server's own request URL names
// the address it listens on, not the one the browser used, so the request is re-addressed:
// - PYLOT_PUBLIC_URL set: always that origin. Set it on any instance others can reach with SMTP_URL
//   on: otherwise a request with a forged Host header could have a reset link mailed that points
//   elsewhere.
// - unset: the Host header the browser sent (a TLS proxy must pass it unchanged), https when
//   PYLOT_SECURE_COOKIES=1.
import { AppError } from "@/lib/http/app-error";

export function publicOriginSetting(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env.PYLOT_PUBLIC_URL?.trim();
  if (!raw) return null;
  try {
    return new URL(raw).origin;
  } catch {
    throw new Error(`PYLOT_PUBLIC_URL is not a URL: ${raw}`);
  }
}

export function publicOrigin(req: Request, env: Record<string, string | undefined> = process.env): string {
  const fixed = publicOriginSetting(env);
  if (fixed) return fixed;
  const host = req.headers.get("host");
  if (!host) return new URL(req.url).origin;
  const scheme = env.PYLOT_SECURE_COOKIES === "1" ? "https" : "http";
  let origin: URL;
  try {
    origin = new URL(`${scheme}://${host}`);
  } catch {
    throw new AppError("bad_request", "Malformed Host header.");
  }
  if (origin.host !== host.toLowerCase() || origin.pathname !== "/" || origin.username || origin.search) {
    throw new AppError("bad_request", "Malformed Host header.");
  }
  return origin.origin;
}

/** The same request, addressed to the public origin (method, headers and body unchanged). */
export function onPublicOrigin(req: Request, env: Record<string, string | undefined> = process.env): Request {
  const url = new URL(req.url);
  const target = new URL(url.pathname + url.search, publicOrigin(req, env));
  if (target.href === url.href) return req;
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(target, {
    method: req.method,
    headers: req.headers,
    body: hasBody ? req.body : null,
    signal: req.signal,
    redirect: "manual",
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}
