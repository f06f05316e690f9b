// Revoke an unused invite link (admins only).
import { requireAdmin } from "@/lib/admin/require-admin";
import { revokeInvite } from "@/lib/db/invites";
import { AppError } from "@/lib/http/app-error";
import { idParam, json, route } from "@/lib/http/route";

export const DELETE = route<{ inviteId: string }>(async (req, params) => {
  requireAdmin(req);
  const inviteId = idParam(params.inviteId, "invite");
  if (!(await revokeInvite(inviteId))) throw new AppError("not_found", "No such unused invite.");
  return json({ revoked: true });
});
