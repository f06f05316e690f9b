// The admin page (issue 14), on the invite-only server with a per-user daily cap of $3
// (global-setup.ts): an admin disables a user, who is signed out and refused; the admin sees spend
// per user; the per-user cap refuses a run with a clear message; others do not see the page.
import { type Browser, expect, test } from "@playwright/test";
import { AgentPanel } from "./pages/agent-panel";
import { accountButton, E2E_PASSWORD, signUpWithInvite } from "./pages/account";
import { NotebookPage } from "./pages/notebook-page";
import { makeAdmin, makeInviteToken, recordUserSpend } from "./support/accounts-db";
import { E2E_INVITE_URL as BASE, E2E_INVITE_USER_CAP_USD } from "./support/config";

async function person(browser: Browser, opts: { admin?: boolean; viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext({ baseURL: BASE, viewport: opts.viewport });
  const page = await context.newPage();
  const email = await signUpWithInvite(page, BASE, await makeInviteToken());
  if (opts.admin) await makeAdmin(email);
  return { context, page, email };
}

const row = (page: import("@playwright/test").Page, email: string) =>
  page.getByRole("table", { name: "Users" }).locator(`tr[data-email="${email}"]`);

test("an admin disables a user: their next request is refused and they are signed out", async ({ browser }) => {
  const admin = await person(browser, { admin: true });
  const user = await person(browser);
  try {
    const notebookId = (await NotebookPage.create(user.page)).id;
    await admin.page.goto("/admin");
    await expect(row(admin.page, user.email)).toContainText("active");
    await admin.page.getByRole("button", { name: `Disable ${user.email}` }).click();
    await expect(row(admin.page, user.email)).toContainText("disabled");

    // Their next API request is refused, and their next page load is the sign-in page.
    const csrf = (await user.context.cookies(BASE)).find((c) => c.name === "pylot_csrf")!.value;
    const api = await user.page.request.get(`${BASE}/api/notebooks/${notebookId}`, {
      headers: { "x-pylot-csrf": csrf },
    });
    expect(api.status()).toBe(401);
    await user.page.reload();
    await expect(user.page).toHaveURL(`${BASE}/sign-in?next=${encodeURIComponent(`/notebooks/${notebookId}`)}`);
    await user.page.getByLabel("Email").fill(user.email);
    await user.page.getByLabel("Password").fill(E2E_PASSWORD);
    await user.page.getByRole("button", { name: "Sign in" }).click();
    await expect(user.page.getByRole("form").getByRole("alert")).toHaveText(
      "This account is disabled; ask the instance's admin.",
    );
    await user.page.screenshot({ path: "test-results/screens/admin-disabled-user.png" });

    // Enabled again, they can sign in.
    await admin.page.getByRole("button", { name: `Enable ${user.email}` }).click();
    await expect(row(admin.page, user.email)).toContainText("active");
    await user.page.getByRole("button", { name: "Sign in" }).click();
    await expect(user.page).toHaveURL(`${BASE}/notebooks/${notebookId}`);
  } finally {
    await admin.context.close();
    await user.context.close();
  }
});

test("the admin sees spend per user per day; the per-user cap refuses a run with a clear message", async ({
  browser,
}) => {
  const admin = await person(browser, { admin: true });
  const user = await person(browser);
  try {
    const nb = await NotebookPage.create(user.page);
    await recordUserSpend(user.email, nb.id, 1.5);
    const agent = new AgentPanel(user.page);
    await agent.ask("Count the rows of data/sales.csv");
    await expect(agent.error).toContainText(
      `Your budget for today ($${E2E_INVITE_USER_CAP_USD.toFixed(2)}) is almost spent: $1.50 is left and a run may spend up to $2.00; it resets at 00:00 UTC.`,
    );
    await user.page.screenshot({ path: "test-results/screens/user-cap-refusal.png" });

    await admin.page.goto("/admin");
    await expect(row(admin.page, user.email)).toContainText("$1.50");
    const spend = admin.page.getByRole("table", { name: "Spend per user per day" });
    const today = new Date().toISOString().slice(5, 10);
    await expect(spend.getByRole("columnheader").nth(2)).toHaveText(today);
    await expect(spend.getByRole("row").filter({ hasText: user.email })).toContainText("$1.50");
    await expect(admin.page.getByTestId("setting-userDailyBudgetUsd")).toContainText(
      `Now: $${E2E_INVITE_USER_CAP_USD.toFixed(2)} (from the environment) · PYLOT_USER_DAILY_BUDGET_USD: $${E2E_INVITE_USER_CAP_USD.toFixed(2)}`,
    );
    // One label width per settings row: the Save buttons line up.
    const saves = admin.page.getByRole("region", { name: "Settings" }).getByRole("button", { name: "Save" });
    const lefts = await saves.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
    expect(lefts.length).toBeGreaterThan(1);
    expect(new Set(lefts).size).toBe(1);
    await admin.page.screenshot({ path: "test-results/screens/admin-desktop.png", fullPage: true });
    // The account menu links to the page for admins only.
    await accountButton(admin.page, admin.email).click();
    await expect(admin.page.getByRole("menuitem", { name: "Admin" })).toHaveAttribute("href", "/admin");
    await accountButton(user.page, user.email).click();
    await expect(user.page.getByRole("menuitem", { name: "Sessions" })).toBeVisible();
    await expect(user.page.getByRole("menuitem", { name: "Admin" })).toHaveCount(0);
    // Not an admin: no such page.
    expect((await user.page.goto("/admin"))?.status()).toBe(404);
  } finally {
    await admin.context.close();
    await user.context.close();
  }
});

test("the admin page fits a 390 px screen: the users table scrolls in its own box", async ({ browser }) => {
  const admin = await person(browser, { admin: true, viewport: { width: 390, height: 844 } });
  try {
    await admin.page.goto("/admin");
    const table = admin.page.getByRole("table", { name: "Users" });
    await expect(table).toBeVisible();
    const box = table.locator("xpath=..");
    const { scrollWidth, clientWidth } = await box.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(await admin.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await admin.page.screenshot({ path: "test-results/screens/admin-390.png", fullPage: true });
  } finally {
    await admin.context.close();
  }
});

test("deleting a user asks first, naming what goes; then the account and its notebooks are gone", async ({
  browser,
}) => {
  const admin = await person(browser, { admin: true });
  const user = await person(browser);
  try {
    const csrf = (await user.context.cookies(BASE)).find((c) => c.name === "pylot_csrf")!.value;
    for (const title of ["First", "Second"]) {
      const made = await user.page.request.post(`${BASE}/api/notebooks`, {
        headers: { "x-pylot-csrf": csrf },
        data: { title },
      });
      expect(made.status()).toBe(201);
    }
    await admin.page.goto("/admin");
    await admin.page.getByRole("button", { name: `Delete ${user.email}` }).click();
    const dialog = admin.page.getByRole("alertdialog", { name: `Delete ${user.email}?` });
    await expect(dialog).toContainText("2 notebooks with their cells and outputs");
    await expect(dialog).toContainText("0 share links");
    await admin.page.screenshot({ path: "test-results/screens/admin-delete-user.png" });
    await dialog.getByRole("button", { name: `Delete ${user.email} and 2 notebooks` }).click();
    await expect(dialog).toBeHidden();
    await expect(row(admin.page, user.email)).toHaveCount(0);
    // The deleted account's browser is signed out: the API no longer knows it.
    expect((await user.page.request.get(`${BASE}/api/notebooks`, { headers: { "x-pylot-csrf": csrf } })).status()).toBe(
      401,
    );
  } finally {
    await admin.context.close();
    await user.context.close();
  }
});
