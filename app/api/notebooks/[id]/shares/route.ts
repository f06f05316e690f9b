// The owner's share links for a notebook: list them, or create one (its token is shown once).
import { createOwnedShareLink, listOwnedShareLinks } from "@/lib/db/share-links";
import { AppError } from "@/lib/http/app-error";
import { idParam, json, route } from "@/lib/http/route";
import { requireOwner } from "@/lib/identity/request-owner";

type P = { id: string };
const notFound = () => new AppError("not_found", "No such notebook.");

export const GET = route<P>(async (req, params) => {
  const links = await listOwnedShareLinks(requireOwner(req), idParam(params.id, "notebook"));
  if (!links) throw notFound();
  return json({ links });
});

export const POST = route<P>(async (req, params) => {
  const created = await createOwnedShareLink(requireOwner(req), idParam(params.id, "notebook"));
  if (!created) throw notFound();
  const origin = req.headers.get("origin") ?? req.nextUrl.origin;
  return json({ link: created.link, token: created.token, url: `${origin}/s/${created.token}` }, 201);
});
