// Passkeys in Chromium with the DevTools virtual authenticator (CDP WebAuthn domain): sign up with a
// passkey (this browser's notebooks adopted), then a second browser holding the same credential signs
// in with it and sees the same notebooks; the account page adds and removes passkeys; a malformed
// answer is a clear 400. WebAuthn refuses IP addresses as relying party ids, so these pages are
// opened on localhost rather than 127.0.0.1.
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { createNotebook } from "./pages/api-notebooks";
import { accountButton, newEmail } from "./pages/account";
import { csrfHeaders } from "./support/api";
import { E2E_PORT } from "./support/config";

const LOCAL = `http://localhost:${E2E_PORT}`;

interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

/** A platform authenticator with user verification, like a laptop's fingerprint reader. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () =>
      ((await cdp.send("WebAuthn.getCredentials", { authenticatorId })) as { credentials: VirtualCredential[] })
        .credentials,
    add: (credential: VirtualCredential) => cdp.send("WebAuthn.addCredential", { authenticatorId, credential }),
  };
}

async function localContext(browser: import("@playwright/test").Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: LOCAL });
}

test("sign up with a passkey; a second browser with the same passkey signs in and sees the notebooks", async ({
  browser,
}) => {
  const first = await localContext(browser);
  const page = await first.newPage();
  const authenticator = await virtualAuthenticator(page);
  await page.goto("/");
  await createNotebook(page, "Passkey adopted");
  await page.goto("/sign-up");
  // The passkey comes first on the page.
  const passkeyButton = page.getByRole("button", { name: "Continue with a passkey" });
  const passwordButton = page.getByRole("button", { name: "Create account" });
  expect((await passkeyButton.boundingBox())?.y).toBeLessThan((await passwordButton.boundingBox())?.y ?? 0);
  const email = newEmail();
  await page.getByLabel("Email").fill(email);
  await passkeyButton.click();
  await expect(accountButton(page, email)).toBeVisible();
  await expect(page.getByRole("list", { name: "Notebooks" })).toContainText("Passkey adopted");

  const [credential] = await authenticator.credentials();
  expect(credential?.isResidentCredential).toBe(true);
  expect(credential?.rpId).toBe("localhost");

  const second = await localContext(browser);
  const other = await second.newPage();
  const otherAuthenticator = await virtualAuthenticator(other);
  await otherAuthenticator.add(credential!);
  await other.goto("/sign-in");
  await other.getByRole("button", { name: "Continue with a passkey" }).click();
  await expect(accountButton(other, email)).toBeVisible();
  await expect(other.getByRole("list", { name: "Notebooks" })).toContainText("Passkey adopted");
  await second.close();
  await first.close();
});

test("the account page adds and removes passkeys; a password account can then sign in with one", async ({
  browser,
}) => {
  const context = await localContext(browser);
  const page = await context.newPage();
  const authenticator = await virtualAuthenticator(page);
  const email = newEmail();
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(accountButton(page, email)).toBeVisible();

  await page.goto("/account/sessions");
  await expect(page.getByText("No passkeys yet")).toBeVisible();
  await page.getByRole("button", { name: "Add a passkey" }).click();
  const passkeys = page.getByRole("list", { name: "Passkeys" });
  await expect(passkeys.getByRole("listitem")).toHaveCount(1);
  expect(await authenticator.credentials()).toHaveLength(1);

  // Signed out, the new passkey opens the account.
  const other = await localContext(browser);
  const second = await other.newPage();
  const otherAuthenticator = await virtualAuthenticator(second);
  const [credential] = await authenticator.credentials();
  await otherAuthenticator.add(credential!);
  await second.goto("/sign-in");
  await second.getByRole("button", { name: "Continue with a passkey" }).click();
  await expect(accountButton(second, email)).toBeVisible();

  // Removed, it no longer does.
  await passkeys.getByRole("button", { name: /^Remove / }).click();
  await expect(page.getByText("No passkeys yet")).toBeVisible();
  const third = await localContext(browser);
  const thirdPage = await third.newPage();
  const thirdAuthenticator = await virtualAuthenticator(thirdPage);
  await thirdAuthenticator.add(credential!);
  await thirdPage.goto("/sign-in");
  await thirdPage.getByRole("button", { name: "Continue with a passkey" }).click();
  await expect(thirdPage.getByText("This passkey does not open any account here")).toBeVisible();
  await expect(thirdPage.getByRole("link", { name: "Create one" })).toBeVisible();
  await Promise.all([third.close(), other.close(), context.close()]);
});

test("a malformed or forged passkey answer gets a 400 with a message, never a 500", async ({ browser }) => {
  const context = await localContext(browser);
  const page = await context.newPage();
  await page.goto("/sign-in");
  const headers = { ...(await csrfHeaders(context)), origin: LOCAL };
  // No challenge was asked for, and the body is not a WebAuthn answer at all.
  const shapeless = await page.request.post("/api/auth/passkey/verify-authentication", {
    headers,
    data: { response: "not a credential" },
  });
  expect(shapeless.status()).toBe(400);
  expect(((await shapeless.json()) as { error: { message: string } }).error.message).toMatch(/response/);

  // Well-shaped, after a real challenge, but signed by nobody.
  const options = await page.request.get("/api/auth/passkey/generate-register-options?context=forged%40example.test", {
    headers,
  });
  expect(options.status()).toBe(200);
  const forged = await page.request.post("/api/auth/passkey/verify-registration", {
    headers,
    data: {
      createSession: true,
      response: {
        id: "AAAA",
        rawId: "AAAA",
        type: "public-key",
        response: { clientDataJSON: "e30", attestationObject: "oA" },
        clientExtensionResults: {},
      },
    },
  });
  expect(forged.status()).toBe(400);
  const body = (await forged.json()) as { message?: string; error?: { message: string } };
  expect(body.message ?? body.error?.message).toBeTruthy();

  const signIn = await page.request.get("/api/auth/passkey/generate-authenticate-options", { headers });
  expect(signIn.status()).toBe(200);
  const wrong = await page.request.post("/api/auth/passkey/verify-authentication", {
    headers,
    data: {
      response: {
        id: "AAAA",
        rawId: "AAAA",
        type: "public-key",
        response: { clientDataJSON: "e30", authenticatorData: "AA", signature: "AA" },
        clientExtensionResults: {},
      },
    },
  });
  expect(wrong.status()).toBeGreaterThanOrEqual(400);
  expect(wrong.status()).toBeLessThan(500);
  // Without the double-submit header (as Python's fetch in the worker would send it) the passkey
  // endpoints refuse: a cell can neither start a ceremony nor list or remove passkeys.
  for (const path of ["/api/auth/passkey/generate-authenticate-options", "/api/auth/passkey/list-user-passkeys"]) {
    expect((await page.request.get(path)).status(), path).toBe(403);
  }
  expect((await page.request.post("/api/auth/passkey/delete-passkey", { data: { id: "x" } })).status()).toBe(403);
  // Sign-up with a passkey needs an email.
  const noEmail = await page.request.get("/api/auth/passkey/generate-register-options", { headers });
  expect(noEmail.status()).toBe(400);
  await context.close();
});
