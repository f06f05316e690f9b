// The users table offers "Remove admin" only where the server would allow it: never on the
// instance's only admin (lib/db/admin-users.ts refuses that with a 409).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AdminUserView } from "@/lib/admin/admin-view";
import { UserTable } from "../user-table";

const user = (id: string, role: "admin" | "user"): AdminUserView => ({
  id,
  email: `${id}@example.com`,
  createdAt: "2026-12-01T00:00:00.000Z",
  lastSeenAt: null,
  role,
  disabled: false,
  notebooks: 0,
  files: 0,
  runs: 0,
  shareLinks: 0,
  storageBytes: 0,
  spendTodayUsd: 0,
});

/** The "Remove admin" button's tag for `email`. */
function removeAdminButton(html: string, email: string): string {
  const tag = html.match(new RegExp(`<button[^>]*aria-label="Remove admin from ${email}"[^>]*>`))?.[0];
  if (!tag) throw new Error(`no Remove admin button for ${email}`);
  return tag;
}

describe("UserTable", () => {
  it("disables Remove admin on the only admin and says why", () => {
    const html = renderToStaticMarkup(
      createElement(UserTable, { initial: [user("a", "admin"), user("b", "user")], selfId: "a" }),
    );
    const tag = removeAdminButton(html, "a@example.com");
    expect(tag).toContain('disabled=""');
    expect(tag).toContain("make someone else admin first");
    expect(html).toContain('aria-label="Make admin b@example.com"');
  });

  it("allows it while another admin remains", () => {
    const html = renderToStaticMarkup(
      createElement(UserTable, { initial: [user("a", "admin"), user("b", "admin")], selfId: "a" }),
    );
    expect(removeAdminButton(html, "a@example.com")).not.toContain(`disabled=""`);
    expect(removeAdminButton(html, "b@example.com")).not.toContain(`disabled=""`);
  });
});
