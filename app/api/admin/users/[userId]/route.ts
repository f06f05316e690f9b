// An admin's actions on one account: disable / enable (disabling signs them out everywhere), make
// or remove admin (never the last one), delete with all their data (never oneself).
import { requireAdmin } from "@/lib/admin/require-admin";
import { deleteUserAndData, setUserDisabled, setUserRole } from "@/lib/db/admin-users";
import { readJson } from "@/lib/http/read-json";
import { idParam, json, route } from "@/lib/http/route";
import { updateUserSchema } from "../../schema";

export const PATCH = route<{ userId: string }>(async (req, params) => {
  const admin = requireAdmin(req);
  const userId = idParam(params.userId, "user");
  const body = await readJson(req, updateUserSchema);
  if (body.disabled !== undefined) await setUserDisabled(admin.userId, userId, body.disabled);
  if (body.role !== undefined) await setUserRole(userId, body.role);
  return json({ updated: true });
});

export const DELETE = route<{ userId: string }>(async (req, params) => {
  const admin = requireAdmin(req);
  const userId = idParam(params.userId, "user");
  return json({ deleted: await deleteUserAndData(admin.userId, userId) });
});
