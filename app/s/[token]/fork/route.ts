// "Make a copy" from the share page: a plain <form method="post"> (the page has no script, so it
// can be cached byte for byte and needs no per-request CSRF token). Instead of the double-submit
// header, this route accepts only what a person's click on our own page produces:
// - a top-level navigation (Sec-Fetch-Mode: navigate, Dest: document): fetch() — e.g. from Python
//   in a notebook's worker — can never make one, and its answer is never readable by script;
// - from our own origin (Sec-Fetch-Site and Origin both say so; Origin is required): another site's
//   form, a sandboxed output frame (Origin "null") or a link cannot.
// The copy goes into the requester's own notebooks (a reader without an identity yet gets one
// here, as the home page would give it); the shared original is only read.
import { NextResponse, type NextRequest } from "next/server";
import { forkSharedNotebook } from "@/lib/db/shared-notebooks";
import { newOwnerCookieValue, OWNER_COOKIE, ownerCookieOptions } from "@/lib/identity/owner-cookie";
import { ownerOf } from "@/lib/identity/request-owner";
import { refuseOverShareLimit } from "@/lib/sharing/share-lookup-limit";
import { shareErrorPage } from "@/lib/sharing/share-page-response";

type Context = { params: Promise<{ token: string }> };

export async function POST(req: NextRequest, context: Context): Promise<Response> {
  const limited = refuseOverShareLimit(req);
  if (limited) return limited;
  const { token } = await context.params;
  const refused = fromOurPage(req);
  if (refused) return shareErrorPage(403, "Not allowed", refused);
  const known = ownerOf(req);
  const fresh = known ? null : newOwnerCookieValue();
  const copy = await forkSharedNotebook(token, known ?? fresh!.ownerId);
  if (!copy) return shareErrorPage(404, "Not found", "This share link does not exist or was revoked.");
  // A relative Location: right behind any proxy or load balancer, whatever host the app sees.
  const res = new NextResponse(null, { status: 303, headers: { location: `/notebooks/${copy.id}`, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
  if (fresh) res.cookies.set(OWNER_COOKIE, fresh.value, ownerCookieOptions);
  return res;
}

/** Why this request is not a click on our own page, or null when it is. */
function fromOurPage(req: NextRequest): string | null {
  const h = (name: string) => req.headers.get(name);
  const mode = h("sec-fetch-mode");
  const dest = h("sec-fetch-dest");
  const site = h("sec-fetch-site");
  if ((mode && mode !== "navigate") || (dest && dest !== "document")) return "A copy can only be made from the share page's button.";
  if (site && site !== "same-origin") return "Cross-site requests may not make copies.";
  const origin = h("origin");
  const host = h("x-forwarded-host") ?? h("host");
  let originHost: string | null = null;
  try {
    originHost = origin && origin !== "null" ? new URL(origin).host : null;
  } catch {
    /* malformed: refused below */
  }
  if (!originHost || !host || originHost !== host) return "The request did not come from this site's share page.";
  return null;
}
