// Browser-side calls to the admin routes (app/api/admin/*), through apiFetch like every other
// write: the double-submit header is what marks a request as coming from Pylot's own page.
import type { SettingKey } from "@/lib/admin/settings";
import { apiFetch, throwApiError } from "./notebook-api";

async function send<T>(path: string, method: string, body?: unknown): Promise<T> {
  const res = await apiFetch(path, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  if (!res.ok) await throwApiError(res);
  return (await res.json()) as T;
}

const userPath = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

export const adminApi = {
  users: () => send<{ users: unknown[] }>("/api/admin/users", "GET"),
  setDisabled: (id: string, disabled: boolean) => send(userPath(id), "PATCH", { disabled }),
  setRole: (id: string, role: "admin" | "user") => send(userPath(id), "PATCH", { role }),
  deleteUser: (id: string) => send<{ deleted: { notebooks: number } }>(userPath(id), "DELETE"),
  saveSettings: (values: Partial<Record<SettingKey, number | null>>) =>
    send<{ settings: unknown[] }>("/api/admin/settings", "PUT", values),
  invites: () => send<{ invites: unknown[] }>("/api/admin/invites", "GET"),
  createInvite: () => send<{ invite: unknown }>("/api/admin/invites", "POST", {}),
  revokeInvite: (id: string) => send(`/api/admin/invites/${encodeURIComponent(id)}`, "DELETE"),
};
