// "Make a copy" from the share page: a plain <form method="post"> (the page has no script, so it
// can be cached byte for byte and needs no per-request CSRF token). Instead of the double-submit
// header, this route accepts only what a person's click on our own page produces, as the browser
// itself reports it in Fetch Metadata (Chrome 76+, Firefox 90+, Safari 16.4+; without it: 403):
// - a top-level navigation (Sec-Fetch-Mode: navigate, Sec-Fetch-Dest: document): fetch() — e.g.
//   from Python in a notebook's worker — can never make one, and its answer is unreadable to script;
// - from our own origin (Sec-Fetch-Site: same-origin): another site's form cannot, nor can a
//   sandboxed output frame (an opaque origin is cross-site). The Origin header, when it names one,
//   must match too; the share page's no-referrer policy makes browsers send "Origin: null" here.
// It also needs the owner cookie the share page gave (a request holding only the token is refused):
// the copy goes into the requester's own notebooks; the shared original is only read.
import type { NextRequest } from "next/server";
import { accountsRequired } from "@/lib/auth/auth-mode";
import { forkSharedNotebook } from "@/lib/db/shared-notebooks";
import { resolveIdentity } from "@/lib/identity/request-owner";
import { refuseOverShareLimit } from "@/lib/sharing/share-lookup-limit";
import { shareErrorPage, withShareErrors } from "@/lib/sharing/share-page-response";

type Context = { params: Promise<{ token: string }> };

export const POST = withShareErrors(async (req: NextRequest, context: Context): Promise<Response> => {
  const limited = refuseOverShareLimit(req);
  if (limited) return limited;
  const { token } = await context.params;
  const refused = fromOurPage(req);
  if (refused) return shareErrorPage(403, "Not allowed", refused);
  const identity = await resolveIdentity(req);
  if (identity.kind === "nobody" && identity.status === 403)
    return shareErrorPage(403, "Not allowed", identity.message);
  // An instance that requires accounts: sign in (or up), then back to the shared page to copy it.
  if (identity.kind === "nobody" && accountsRequired()) {
    return new Response(null, {
      status: 303,
      headers: { location: `/sign-in?next=${encodeURIComponent(`/s/${token}`)}`, "cache-control": "no-store" },
    });
  }
  const owner = identity.kind === "nobody" ? null : identity.ownerId;
  if (!owner)
    return shareErrorPage(
      401,
      "Open the link first",
      "Open the shared notebook's page (it gives your browser its identity), then use “Make a copy”.",
    );
  const copy = await forkSharedNotebook(token, owner);
  if (!copy) return shareErrorPage(404, "Not found", "This share link does not exist or was revoked.");
  // A relative Location: right behind any proxy or load balancer, whatever host the app sees.
  return new Response(null, {
    status: 303,
    headers: { location: `/notebooks/${copy.id}`, "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
});

/** Why this request is not a click on our own page, or null when it is. */
function fromOurPage(req: NextRequest): string | null {
  const h = (name: string) => req.headers.get(name);
  if (h("sec-fetch-mode") !== "navigate" || h("sec-fetch-dest") !== "document")
    return "A copy can only be made with the share page's button.";
  if (h("sec-fetch-site") !== "same-origin") return "Requests from other sites may not make copies.";
  const origin = h("origin");
  if (origin && origin !== "null") {
    const host = h("x-forwarded-host") ?? h("host");
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      /* malformed: refused below */
    }
    if (!host || originHost !== host) return "The request did not come from this site's share page.";
  }
  return null;
}
