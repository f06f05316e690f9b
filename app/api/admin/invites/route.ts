// Invite links (admins only): the list, and a new single-use link (7 days unless said otherwise).
import { requireAdmin } from "@/lib/admin/require-admin";
import { createInvite, listInvites } from "@/lib/db/invites";
import { readJson } from "@/lib/http/read-json";
import { json, route } from "@/lib/http/route";
import { createInviteSchema } from "../schema";

export const GET = route(async (req) => {
  requireAdmin(req);
  return json({ invites: await listInvites() });
});

export const POST = route(async (req) => {
  const admin = requireAdmin(req);
  const body = await readJson(req, createInviteSchema);
  return json({ invite: await createInvite(admin.userId, body.days) }, 201);
});
