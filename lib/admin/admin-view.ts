// What the admin page's components receive: the server's rows with dates as ISO strings (they
// cross from the server page to client components, and come back the same way from the API).
import type { InviteState } from "./invite-link";
import type { AdminUserRow } from "@/lib/db/admin-users";

/** A user row as the admin page receives it: the database row with its dates as ISO strings. */
export type AdminUserView = Omit<AdminUserRow, "createdAt" | "lastSeenAt"> & {
  createdAt: string;
  lastSeenAt: string | null;
};

export interface InviteView {
  id: string;
  createdAt: string;
  expiresAt: string;
  state: InviteState;
  usedByEmail: string | null;
  token: string;
}

type Dated<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** Dates to ISO strings, as JSON would send them. */
export function serialize<T extends object>(row: T): Dated<T> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  ) as Dated<T>;
}

export const usd = (n: number) => `$${n.toFixed(2)}`;
