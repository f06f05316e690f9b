// The admin page's user list (admins only).
import { requireAdmin } from "@/lib/admin/require-admin";
import { listUsersForAdmin } from "@/lib/db/admin-users";
import { json, route } from "@/lib/http/route";

export const GET = route(async (req) => {
  requireAdmin(req);
  return json({ users: await listUsersForAdmin() });
});
