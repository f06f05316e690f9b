// Revoke one share link: its URL answers 404 from the next request on.
import { revokeOwnedShareLink } from "@/lib/db/share-links";
import { AppError } from "@/lib/http/app-error";
import { idParam, json, route } from "@/lib/http/route";
import { requireOwner } from "@/lib/identity/request-owner";

type P = { id: string; shareId: string };

export const DELETE = route<P>(async (req, params) => {
  const owner = requireOwner(req);
  const link = await revokeOwnedShareLink(owner, idParam(params.id, "notebook"), idParam(params.shareId, "share link"));
  if (!link) throw new AppError("not_found", "No such share link.");
  return json({ link });
});
