// The owner's share links for a notebook: list them (each live link with its path, to copy again),
// or create one.
import { createOwnedShareLink, listOwnedShareLinks } from "@/lib/db/share-links";
import { AppError } from "@/lib/http/app-error";
import { idParam, json, route } from "@/lib/http/route";
import { requireOwner } from "@/lib/identity/request-owner";

type P = { id: string };
const notFound = () => new AppError("not_found", "No such notebook.");

export const GET = route<P>(async (req, params) => {
  const links = await listOwnedShareLinks(requireOwner(req), idParam(params.id, "notebook"));
  if (!links) throw notFound();
  return json({ links: links.map(({ token, ...link }) => ({ ...link, path: token ? `/s/${token}` : null })) });
});

export const POST = route<P>(async (req, params) => {
  const created = await createOwnedShareLink(requireOwner(req), idParam(params.id, "notebook"));
  if (!created) throw notFound();
  const origin = req.headers.get("origin") ?? req.nextUrl.origin;
  const path = `/s/${created.token}`;
  return json({ link: { ...created.link, path }, token: created.token, url: `${origin}${path}` }, 201);
});
