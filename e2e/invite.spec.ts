// PYLOT_AUTH=invite (issue 14), on the invite-only server global-setup.ts starts (same database):
// a stranger cannot sign up, without an invite or with a bad one, and is told why; an admin makes
// an invite link on /admin and the invited person signs up with it, once.
import { expect, test } from "@playwright/test";
import { E2E_PASSWORD, newEmail, signUpWithInvite } from "./pages/account";
import { makeAdmin, makeInviteToken } from "./support/accounts-db";
import { E2E_INVITE_URL as BASE } from "./support/config";

test.beforeAll(async ({ browser }) => {
  // The instance has an account already (on an empty one the first sign-up needs no invite).
  const context = await browser.newContext();
  await signUpWithInvite(await context.newPage(), BASE, await makeInviteToken());
  await context.close();
});

async function tryToSignUp(page: import("@playwright/test").Page, path: string) {
  await page.goto(`${BASE}${path}`);
  await page.getByLabel("Email").fill(newEmail());
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("an invite-only instance refuses a stranger", async ({ page }) => {
  // Owner pages send a stranger to sign in, like PYLOT_AUTH=required.
  await page.goto(`${BASE}/`);
  await expect(page).toHaveURL(`${BASE}/sign-in`);

  await page.goto(`${BASE}/sign-up`);
  await expect(page.getByRole("status")).toHaveText(
    "This Pylot instance is invite-only: ask its admin for an invite link.",
  );
  await tryToSignUp(page, "/sign-up");
  await expect(page.getByRole("form").getByRole("alert")).toHaveText(
    "This Pylot instance is invite-only: ask its admin for an invite link.",
  );
  await expect(page).toHaveURL(`${BASE}/sign-up`);

  await tryToSignUp(page, `/sign-up?invite=${"x".repeat(43)}`);
  await expect(page.getByRole("form").getByRole("alert")).toHaveText(
    "This invite link cannot be used: it was already used, revoked or has expired. Ask the admin for a new one.",
  );
  await page.screenshot({ path: "test-results/screens/invite-refused.png" });
  // Still nobody: the API answers 401.
  const csrf = (await page.context().cookies(BASE)).find((c) => c.name === "pylot_csrf")!.value;
  expect((await page.request.get(`${BASE}/api/notebooks`, { headers: { "x-pylot-csrf": csrf } })).status()).toBe(401);
});

test("an admin makes an invite link on /admin; the invited person signs up with it, once", async ({
  page,
  browser,
}) => {
  const adminEmail = await signUpWithInvite(page, BASE, await makeInviteToken());
  await makeAdmin(adminEmail);
  await page.goto(`${BASE}/admin`);
  const invites = page.getByRole("region", { name: "Invites" });
  await expect(invites).toContainText("This instance is invite-only");
  await invites.getByRole("button", { name: "New invite link" }).click();
  const linkBox = invites.getByLabel("Invite link").first();
  await expect(linkBox).toHaveValue(new RegExp(`^${BASE}/sign-up\\?invite=[A-Za-z0-9_-]{43}$`));
  const link = await linkBox.inputValue();

  const invitedContext = await browser.newContext();
  const invited = await invitedContext.newPage();
  const invitedEmail = newEmail();
  await invited.goto(link);
  await expect(invited.getByRole("status")).toHaveCount(0);
  await invited.getByLabel("Email").fill(invitedEmail);
  await invited.getByLabel("Password").fill(E2E_PASSWORD);
  await invited.getByRole("button", { name: "Create account" }).click();
  await expect(invited.locator("summary").filter({ hasText: invitedEmail })).toBeVisible();
  await expect(invited.getByText(`Notebooks belong to your account (${invitedEmail})`)).toBeVisible();
  await invitedContext.close();

  // The same link again: refused.
  const againContext = await browser.newContext();
  const again = await againContext.newPage();
  await tryToSignUp(again, new URL(link).pathname + new URL(link).search);
  await expect(again.getByRole("form").getByRole("alert")).toContainText("This invite link cannot be used");
  await againContext.close();

  await page.reload();
  await expect(invites.getByRole("listitem").filter({ hasText: invitedEmail })).toContainText("used");
});
