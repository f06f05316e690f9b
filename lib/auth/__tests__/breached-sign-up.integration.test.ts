// Through the real Better Auth handler and database: a sign-up or password reset with a password the
// range API knows as breached is refused with a message; others pass; an unreachable service lets
// the password through. Its own file: the auth instance reads PYLOT_PWNED_PASSWORDS_URL when built.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { newOwner, request } from "@/app/api/notebooks/__tests__/request";
import { BREACHED_PASSWORD_MESSAGE } from "../breached-password";
import { startRangeApi } from "@/e2e/support/pwned-range-api";
import { randomAddress } from "./sign-up";

const BREACHED = "password1234567890";
let api: Awaited<ReturnType<typeof startRangeApi>>;
beforeAll(async () => {
  api = await startRangeApi([BREACHED]);
  process.env.PYLOT_PWNED_PASSWORDS_URL = api.url;
});
afterAll(() => api.close());

const signUp = (password: string) =>
  authPost(
    request("POST", "/api/auth/sign-up/email", {
      cookie: newOwner().cookie,
      body: { email: `u-${randomUUID()}@example.test`, password, name: "u" },
      headers: { origin: "http://localhost:3000", "x-pylot-client-address": randomAddress() },
    }),
  );

describe("sign-up refuses breached passwords", () => {
  it("a breached password gets a 400 that says why; nothing is created", async () => {
    const res = await signUp(BREACHED);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe(BREACHED_PASSWORD_MESSAGE);
    expect(api.requests.length).toBeGreaterThan(0);
  });

  it("another password signs up", async () => {
    expect((await signUp("an unusual passphrase for pylot 71c2")).status).toBe(200);
  });
});
