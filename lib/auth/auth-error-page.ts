// The page a person lands on when a sign-in link fails: an OpenID Connect callback with a wrong or
// stale state, an expired verification or reset link. Better Auth answers these with a redirect
// carrying ?error=<code>; the route turns it into this plain 400 page (no script) that says what
// happened and where to go next.
import { escapeHtml } from "@/lib/html/escape-html";

const STALE_FLOW =
  "This sign-in was not started in this browser, or it took too long. Start again from the sign-in page.";
const STALE_LINK = "This link has expired or was already used. Ask for a new one from the sign-in page.";

const MESSAGES: Record<string, string> = {
  state_mismatch: STALE_FLOW,
  state_not_found: STALE_FLOW,
  please_restart_the_process: STALE_FLOW,
  invalid_callback_request: STALE_FLOW,
  no_code: STALE_FLOW,
  access_denied: "The sign-in was cancelled at the identity provider.",
  account_not_linked:
    "An account with this email already exists here. Sign in to it another way; the provider can be used once the account's email is verified.",
  email_not_found: "The identity provider did not share an email address, which Pylot needs for an account.",
  signup_disabled: "This instance does not create accounts this way.",
  invalid_token: STALE_LINK,
  token_expired: STALE_LINK,
  INVALID_TOKEN: STALE_LINK,
  TOKEN_EXPIRED: STALE_LINK,
};

export function authErrorMessage(code: string | null): string {
  if (code && Object.hasOwn(MESSAGES, code)) return MESSAGES[code] as string;
  return code ? `Signing in did not complete (${code}). Start again from the sign-in page.` : STALE_FLOW;
}

export function authErrorPage(code: string | null): Response {
  const message = authErrorMessage(code);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign-in did not complete · Pylot</title></head>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#0f172a">
<h1 style="font-size:1.5rem">Sign-in did not complete</h1>
<p role="alert">${escapeHtml(message)}</p>
<p><a href="/sign-in">Back to sign-in</a></p>
</body></html>`;
  return new Response(html, {
    status: 400,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    },
  });
}

/** The error code of a redirect Better Auth answered with, or null when it is not an error redirect. */
export function redirectErrorCode(res: Response, requestUrl: string): string | null {
  if (res.status < 300 || res.status >= 400) return null;
  const location = res.headers.get("location");
  if (!location) return null;
  try {
    const target = new URL(location, requestUrl);
    // Only our own pages: a provider's authorize URL may legitimately carry parameters of its own.
    if (target.origin !== new URL(requestUrl).origin) return null;
    return target.searchParams.get("error");
  } catch {
    return null;
  }
}
