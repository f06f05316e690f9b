// OpenID Connect against a real provider (oidc-provider, started in global setup with one client and
// one account): the sign-in page offers it, the person signs in on the provider's own pages and
// lands back in Pylot signed in, with this browser's anonymous notebooks adopted. A callback with a
// state this browser never started lands on a 400 page that says what happened. Without the
// PYLOT_OIDC_* settings (the PYLOT_AUTH=required server) there is no button.
import { expect, test } from "@playwright/test";
import { createNotebook } from "./pages/api-notebooks";
import { accountButton } from "./pages/account";
import { E2E_REQUIRED_URL } from "./support/config";
import { OIDC_EMAIL, OIDC_LOGIN } from "./support/oidc-provider";

test("sign in through the OpenID Connect provider; the anonymous notebooks are adopted", async ({ page }) => {
  await page.goto("/");
  await createNotebook(page, "Before single sign-on");
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Continue with Test SSO" }).click();

  // The provider's own login and consent pages.
  await page.waitForURL(/^http:\/\/localhost:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(OIDC_LOGIN);
  await page.locator('input[name="password"]').fill("any password: the dev login page checks none");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(accountButton(page, OIDC_EMAIL)).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
  await expect(page.getByRole("list", { name: "Notebooks" })).toContainText("Before single sign-on");
});

test("a callback with a wrong state gets a 400 page that says what happened", async ({ page }) => {
  await page.goto("/sign-in");
  const res = await page.goto("/api/auth/callback/oidc?code=forged-code&state=not-a-state-of-this-browser");
  expect(res?.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "Sign-in did not complete" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("not started in this browser");
  await page.getByRole("link", { name: "Back to sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("without PYLOT_OIDC_* and SMTP_URL, sign-in offers neither the provider nor a password reset", async ({
  page,
}) => {
  await page.goto(`${E2E_REQUIRED_URL}/sign-in`);
  await expect(page.getByRole("button", { name: "Continue with a passkey" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Continue with Test SSO/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Forgot password?" })).toHaveCount(0);
  const forgot = await page.goto(`${E2E_REQUIRED_URL}/sign-in/forgot`);
  expect(forgot?.status()).toBe(404);
});
