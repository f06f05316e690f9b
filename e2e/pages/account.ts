// How a person makes an account and signs in: the real forms, as typed.
import { expect, type Page } from "@playwright/test";

export const E2E_PASSWORD = "a long enough passphrase";
/** The one password the e2e servers' stand-in for Have I Been Pwned knows as breached. */
export const E2E_BREACHED_PASSWORD = "password1234567890";

export function newEmail(): string {
  return `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

async function fill(page: Page, email: string, password: string, button: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: button }).click();
}

/** Signs up from /sign-up (or the page's base), lands on the notebook list signed in. */
export async function signUp(page: Page, email = newEmail(), base = ""): Promise<string> {
  await page.goto(`${base}/sign-up`);
  await fill(page, email, E2E_PASSWORD, "Create account");
  await expect(accountButton(page, email)).toBeVisible();
  return email;
}

export async function signIn(page: Page, email: string, base = ""): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await fill(page, email, E2E_PASSWORD, "Sign in");
  await expect(accountButton(page, email)).toBeVisible();
}

/** The account menu's summary shows who is signed in. */
export function accountButton(page: Page, email: string) {
  return page.locator("summary").filter({ hasText: email });
}

/** Signs up on an invite-only instance with an invite link's token. */
export async function signUpWithInvite(page: Page, base: string, token: string, email = newEmail()): Promise<string> {
  await page.goto(`${base}/sign-up?invite=${token}`);
  await fill(page, email, E2E_PASSWORD, "Create account");
  await expect(accountButton(page, email)).toBeVisible();
  return email;
}
