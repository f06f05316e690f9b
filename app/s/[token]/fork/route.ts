// "Make a copy" from the share page: a plain <form method="post"> (the page has no script, so it
// can be cached byte for byte and needs no per-request CSRF token). Instead of the double-submit
// header, this route accepts only what a person's click on our own page produces:
// - an owner cookie the browser already holds (set when the share page was opened);
// - a top-level navigation (Sec-Fetch-Mode: navigate, Dest: document): fetch() — e.g. from Python
//   in a notebook's worker — can never make one, and its answer is never readable by script;
// - from our own origin (Sec-Fetch-Site and Origin both say so; Origin is required): another site's
//   form, a sandboxed output frame (Origin "null") or a link cannot.
// The copy goes into the requester's own notebooks; the shared original is only read.
import type { NextRequest } from "next/server";
import { forkSharedNotebook } from "@/lib/db/shared-notebooks";
import { ownerOf } from "@/lib/identity/request-owner";
import { shareErrorPage } from "@/lib/sharing/share-page-response";

type Context = { params: Promise<{ token: string }> };

export async function POST(req: NextRequest, context: Context): Promise<Response> {
  const { token } = await context.params;
  const refused = fromOurPage(req);
  if (refused) return shareErrorPage(403, "Not allowed", refused);
  const owner = ownerOf(req);
  if (!owner) return shareErrorPage(401, "Open the link first", "Open the shared notebook's page, then use its “Make a copy” button.");
  const copy = await forkSharedNotebook(token, owner);
  if (!copy) return shareErrorPage(404, "Not found", "This share link does not exist or was revoked.");
  return new Response(null, { status: 303, headers: { location: `/notebooks/${copy.id}`, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
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
