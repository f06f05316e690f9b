// Accounts in Chromium (PYLOT_AUTH=open, the main server): signing up adopts this browser's
// anonymous notebooks, another browser signing in sees them, a revoked session is signed out on its
// next request, and signing out leaves this browser's anonymous owner with nothing.
import { expect, test } from "@playwright/test";
import { createNotebook } from "./pages/api-notebooks";
import { accountButton, E2E_BREACHED_PASSWORD, E2E_PASSWORD, newEmail, signIn, signUp } from "./pages/account";

test("sign-up adopts the anonymous notebooks; a second browser signs in and sees them", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Save your notebooks: create an account" })).toBeVisible();
  await createNotebook(page, "Adopted one");
  await createNotebook(page, "Adopted two");
  await page.getByRole("link", { name: "Save your notebooks: create an account" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  const email = newEmail();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(accountButton(page, email)).toBeVisible();
  const list = page.getByRole("list", { name: "Notebooks" });
  await expect(list).toContainText("Adopted one");
  await expect(list).toContainText("Adopted two");
  // Signed in: no banner.
  await expect(page.getByRole("link", { name: "Save your notebooks: create an account" })).toHaveCount(0);
  // The session cookie is HttpOnly and SameSite=Lax.
  const session = (await page.context().cookies()).find((c) => c.name === "pylot.session_token");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto("/");
  await expect(second.getByRole("list", { name: "Notebooks" })).toHaveCount(0);
  await signIn(second, email);
  await expect(second.getByRole("list", { name: "Notebooks" })).toContainText("Adopted one");
  await expect(second.getByRole("list", { name: "Notebooks" })).toContainText("Adopted two");
  await other.close();

  // Signing out: this browser is its anonymous owner again, whose notebooks went to the account.
  await accountButton(page, email).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("No notebooks yet.")).toBeVisible();
});

test("revoking a session from the sessions page signs that browser out on its next request", async ({
  page,
  browser,
}) => {
  const email = await signUp(page);
  const other = await browser.newContext({
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  });
  const second = await other.newPage();
  await signIn(second, email);
  await createNotebook(second, "From the second browser");
  await second.reload();
  await expect(second.getByRole("list", { name: "Notebooks" })).toContainText("From the second browser");

  await accountButton(page, email).click();
  await page.getByRole("menuitem", { name: "Sessions" }).click();
  await expect(page).toHaveURL(/\/account\/sessions$/);
  const sessions = page.getByRole("list", { name: "Sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions).toContainText("this browser");
  await page.getByRole("button", { name: "Revoke Firefox on Windows" }).click();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);

  await second.reload();
  await expect(second.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(second.getByText("From the second browser")).toHaveCount(0);
  await other.close();

  // This browser is still signed in and sees the account's notebook.
  await page.goto("/");
  await expect(page.getByRole("list", { name: "Notebooks" })).toContainText("From the second browser");
});

test("sign out everywhere ends every session; a wrong password is refused with a message", async ({
  page,
  browser,
}) => {
  const email = await signUp(page);
  const other = await browser.newContext();
  const second = await other.newPage();
  await signIn(second, email);
  await accountButton(page, email).click();
  await page.getByRole("menuitem", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await second.reload();
  await expect(second.getByRole("link", { name: "Sign in" })).toBeVisible();

  await second.goto("/sign-in");
  await second.getByLabel("Email").fill(email);
  await second.getByLabel("Password").fill("not the right passphrase");
  await second.getByRole("button", { name: "Sign in" }).click();
  await expect(second.getByRole("alert").filter({ hasText: /invalid email or password/i })).toBeVisible();
  await other.close();
});

test("the sign-up form fits a 390 px screen, asks for a long password and refuses a breached one", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/sign-up");
  await expect(page.getByText("At least 15 characters")).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.getByLabel("Email").fill(newEmail());
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  // The browser's own constraint stops it; nothing was sent, the page is still the form.
  await expect(page).toHaveURL(/\/sign-up$/);
  expect(await page.getByLabel("Password").evaluate((el) => (el as HTMLInputElement).validity.tooShort)).toBe(true);

  // Long enough, but known from data breaches (the server asks the Have I Been Pwned range API).
  await page.getByLabel("Password").fill(E2E_BREACHED_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("appears in known data breaches");
  await expect(page).toHaveURL(/\/sign-up$/);
});
