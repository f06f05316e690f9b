// Revoke one of the signed-in user's sessions (the sessions page's button): that browser is
// signed out on its next request. Another user's session id is a 404, like any resource not yours.
import type { NextRequest } from "next/server";
import { revokeUserSession } from "@/lib/db/accounts";
import { AppError } from "@/lib/http/app-error";
import { idParam, json, route } from "@/lib/http/route";
import { requireUser } from "@/lib/identity/request-owner";

export const DELETE = route<{ sessionId: string }>(async (req: NextRequest, params) => {
  const { user } = requireUser(req);
  const sessionId = idParam(params.sessionId, "session");
  if (!(await revokeUserSession(user.userId, sessionId))) throw new AppError("not_found", "No such session.");
  return json({ revoked: true });
});
