// Email flows through a real SMTP server (smtp-server, started in global setup; SMTP_URL on the main
// server): sign-up mails a verification link that confirms the email and signs in; "Forgot
// password?" mails a reset link that sets a new password; a used or expired reset link lands on a
// 400 page that says so.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { accountButton, E2E_PASSWORD, signIn, signUp } from "./pages/account";
import { E2E_BASE_URL } from "./support/config";
import { linksIn, subjectOf, waitForMail } from "./support/mailbox";

const NEW_PASSWORD = "another long enough passphrase";

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test("sign-up mails a verification link; following it confirms the email and signs in", async ({ page, browser }) => {
  const email = await signUp(page);
  const mail = await waitForMail(email);
  expect(subjectOf(mail)).toBe("Confirm your email for Pylot");
  expect(mail.raw).toMatch(/Content-Type: text\/plain/);
  expect(mail.raw).toMatch(/Content-Type: text\/html/);
  expect(mail.raw).not.toMatch(/<img/i);
  const [link] = linksIn(mail).filter((l) => l.includes("/api/auth/verify-email"));
  // Built from the origin the sign-up came to.
  expect(link?.startsWith(`${E2E_BASE_URL}/api/auth/verify-email?token=`)).toBe(true);
  const before = await query<{ emailVerified: boolean }>(`SELECT "emailVerified" FROM "User" WHERE email = $1`, [
    email,
  ]);
  expect(before[0]?.emailVerified).toBe(false);

  // Opened in another browser (the mail app's), it signs in there.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(link as string);
  await expect(accountButton(second, email)).toBeVisible();
  const after = await query<{ emailVerified: boolean }>(`SELECT "emailVerified" FROM "User" WHERE email = $1`, [email]);
  expect(after[0]?.emailVerified).toBe(true);
  await other.close();
});

test("Forgot password? mails a reset link that sets a new password; the link works once", async ({ page, browser }) => {
  const email = await signUp(page);
  await waitForMail(email); // the verification mail

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto("/sign-in");
  await second.getByRole("link", { name: "Forgot password?" }).click();
  await second.getByLabel("Email").fill(email);
  await second.getByRole("button", { name: "Email me a link" }).click();
  await expect(second.getByRole("status")).toContainText("is on its way");
  const mail = await waitForMail(email, 2);
  expect(subjectOf(mail)).toBe("Reset your Pylot password");
  const [link] = linksIn(mail).filter((l) => l.includes("/api/auth/reset-password/"));
  expect(link?.startsWith(`${E2E_BASE_URL}/api/auth/reset-password/`)).toBe(true);

  await second.goto(link as string);
  await expect(second).toHaveURL(/\/sign-in\/reset\?token=/);
  await second.getByLabel("New password").fill(NEW_PASSWORD);
  await second.getByRole("button", { name: "Save the new password" }).click();
  await expect(second.getByRole("status")).toContainText("Your password is changed");

  // The reset signed out every browser of the account.
  await page.reload();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  // The old password no longer opens the account; the new one does.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(accountButton(page, email)).toBeVisible();

  // The used link is refused with a page that says why.
  const again = await second.goto(link as string);
  expect(again?.status()).toBe(400);
  await expect(second.getByRole("alert")).toContainText("expired or was already used");
  await other.close();
});

test("an expired reset link gets a 400 page, and a reset with it is refused", async ({ page }) => {
  const email = await signUp(page);
  await page.goto("/sign-in/forgot");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  const mail = await waitForMail(email, 2);
  const [link] = linksIn(mail).filter((l) => l.includes("/api/auth/reset-password/"));
  const token = new URL(link as string).pathname.split("/").pop() as string;
  // An hour passes: the token's row is now past its expiry.
  const [user] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  await query(`UPDATE "Verification" SET "expiresAt" = now() - interval '1 minute' WHERE value = $1`, [user?.id]);

  const res = await page.goto(link as string);
  expect(res?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("expired or was already used");
  // Posting the token directly is a 400 with a message too.
  await page.goto("/sign-in");
  const csrf = (await page.context().cookies()).find((c) => c.name === "pylot_csrf")?.value ?? "";
  const direct = await page.request.post("/api/auth/reset-password", {
    headers: { "x-pylot-csrf": csrf, origin: E2E_BASE_URL },
    data: { token, newPassword: NEW_PASSWORD },
  });
  expect(direct.status()).toBe(400);
  expect(((await direct.json()) as { message: string }).message).toBeTruthy();
  // The password did not change.
  await page.context().clearCookies();
  await signIn(page, email);
});
