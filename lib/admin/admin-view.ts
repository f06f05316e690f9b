// What the admin page's components receive: the server's rows with dates as ISO strings (they
// cross from the server page to client components, and come back the same way from the API).
import type { InviteState } from "./invite-link";

export interface AdminUserView {
  id: string;
  email: string;
  createdAt: string;
  lastSeenAt: string | null;
  role: "admin" | "user";
  disabled: boolean;
  notebooks: number;
  files: number;
  runs: number;
  shareLinks: number;
  storageBytes: number;
  spendTodayUsd: number;
}

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
