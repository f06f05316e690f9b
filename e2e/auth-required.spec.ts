// PYLOT_AUTH=required, on the second server global-setup.ts starts for it (same database): owner
// pages send nobody to sign in and back, the API answers 401 with a message, a share link still
// reads for someone not signed in, and making a copy asks them to sign in first.
import { expect, test } from "@playwright/test";
import { E2E_REQUIRED_URL as BASE } from "./support/config";
import { accountButton, E2E_PASSWORD, newEmail, signUp } from "./pages/account";

test("owner pages go to sign-in and come back after; the API answers 401 with a message", async ({ page }) => {
  await page.goto(`${BASE}/`);
  await expect(page).toHaveURL(`${BASE}/sign-in`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const csrf = (await page.context().cookies(BASE)).find((c) => c.name === "pylot_csrf")!.value;
  const api = await page.request.get(`${BASE}/api/notebooks`, { headers: { "x-pylot-csrf": csrf } });
  expect(api.status()).toBe(401);
  expect(((await api.json()) as { error: { message: string } }).error.message).toMatch(/Sign in first/);
  // No banner nudging an anonymous owner here: there are none.
  await expect(page.getByRole("link", { name: "Save your notebooks: create an account" })).toHaveCount(0);

  const email = await signUp(page, newEmail(), BASE);
  await page.getByRole("button", { name: "New notebook" }).click();
  await page.waitForURL(/\/notebooks\/[0-9a-f-]{36}$/);
  const notebookPath = new URL(page.url()).pathname;
  await page.goto(`${BASE}/`);
  await accountButton(page, email).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${BASE}/sign-in`);

  // A deep link while signed out: sign in, and land where the link pointed.
  await page.goto(`${BASE}${notebookPath}`);
  await expect(page).toHaveURL(`${BASE}/sign-in?next=${encodeURIComponent(notebookPath)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${BASE}${notebookPath}`);
  await expect(page.getByTestId("cell")).toHaveCount(1);
});

test("a share link reads without an account; making a copy needs one, then comes back", async ({ page, browser }) => {
  await signUp(page, newEmail(), BASE);
  const token = (await page.context().cookies(BASE)).find((c) => c.name === "pylot_csrf")!.value;
  const created = await page.request.post(`${BASE}/api/notebooks`, {
    headers: { "x-pylot-csrf": token },
    data: { title: "Shared under required" },
  });
  expect(created.status()).toBe(201);
  const { notebook } = (await created.json()) as { notebook: { id: string } };
  const shared = await page.request.post(`${BASE}/api/notebooks/${notebook.id}/shares`, {
    headers: { "x-pylot-csrf": token },
    data: {},
  });
  expect(shared.ok()).toBe(true);
  const { url } = (await shared.json()) as { url: string };
  const sharePath = new URL(url).pathname;

  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  await reader.goto(`${BASE}${sharePath}`);
  await expect(reader.getByText("Shared under required").first()).toBeVisible();
  await reader.getByRole("button", { name: "Make a copy" }).click();
  await expect(reader).toHaveURL(`${BASE}/sign-in?next=${encodeURIComponent(sharePath)}`);
  await reader.getByRole("link", { name: "Create one" }).click();
  const readerEmail = newEmail();
  await reader.getByLabel("Email").fill(readerEmail);
  await reader.getByLabel("Password").fill(E2E_PASSWORD);
  await reader.getByRole("button", { name: "Create account" }).click();
  await expect(reader).toHaveURL(`${BASE}${sharePath}`);
  await reader.getByRole("button", { name: "Make a copy" }).click();
  await reader.waitForURL(/\/notebooks\/[0-9a-f-]{36}$/);
  expect(new URL(reader.url()).pathname).not.toBe(`/notebooks/${notebook.id}`);
  await readerContext.close();
});
