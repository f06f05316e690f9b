// Signs up through the real Better Auth handler, as a browser with its owner cookie would.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { newOwner, request } from "@/app/api/notebooks/__tests__/request";

export const PASSWORD = "correct horse battery staple";

/** Signs up through Better Auth's handler; returns the browser's cookies afterwards and the user id. */
export async function signUp(
  browser = newOwner(),
  email = `u-${randomUUID()}@example.test`,
): Promise<{ cookie: string; userId: string; email: string; browserOwner: string }> {
  const res = await authPost(
    request("POST", "/api/auth/sign-up/email", {
      cookie: browser.cookie,
      body: { email, password: PASSWORD, name: email },
      headers: { origin: "http://localhost:3000", "x-pylot-client-address": randomAddress() },
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { user: { id: string } };
  return { cookie: withSetCookies(browser.cookie, res), userId: body.user.id, email, browserOwner: browser.id };
}

/** Sign-in attempts are limited per address (in the database, shared by every test file). */
export function randomAddress(): string {
  return `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;
}

export function withSetCookies(cookie: string, res: Response): string {
  const jar = new Map(cookie.split("; ").map((c) => [c.split("=")[0]!, c] as const));
  for (const set of res.headers.getSetCookie()) {
    const pair = set.split(";")[0]!;
    jar.set(pair.split("=")[0]!, pair);
  }
  return [...jar.values()].filter((c) => !c.endsWith("=")).join("; ");
}
