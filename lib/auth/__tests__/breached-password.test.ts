// The breached-password check against a local range API speaking Have I Been Pwned's wire format
// (the real service is unreachable here): hashes, padding lines, outages and the off switch.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPasswordBreached, PWNED_PASSWORDS_URL, pwnedPasswordsUrl } from "../breached-password";
import { startRangeApi } from "@/e2e/support/pwned-range-api";

const BREACHED = "password1234567890";
let api: Awaited<ReturnType<typeof startRangeApi>>;
beforeAll(async () => {
  api = await startRangeApi([BREACHED]);
});
afterAll(() => api.close());

describe("breached-password check", () => {
  it("finds a breached password by its hash's suffix; sends only the 5-digit prefix, asking for padding", async () => {
    expect(await isPasswordBreached(BREACHED, api.url)).toBe(true);
    expect(await isPasswordBreached("a long and unusual passphrase 8d1f", api.url)).toBe(false);
    expect(api.requests).toHaveLength(2);
    for (const line of api.requests) expect(line).toMatch(/^\/range\/[0-9A-F]{5} true$/);
    expect(api.requests.join(" ")).not.toContain(BREACHED);
  });

  it("says it does not know when the service fails or cannot be reached", async () => {
    expect(await isPasswordBreached(BREACHED, `${api.url}/nowhere`)).toBeNull();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await isPasswordBreached(BREACHED, `http://127.0.0.1:${port}`)).toBeNull();
  });

  it("uses Have I Been Pwned unless told otherwise; 'off' turns it off", () => {
    expect(pwnedPasswordsUrl({})).toBe(PWNED_PASSWORDS_URL);
    expect(pwnedPasswordsUrl({ PYLOT_PWNED_PASSWORDS_URL: "http://127.0.0.1:9/" })).toBe("http://127.0.0.1:9");
    expect(pwnedPasswordsUrl({ PYLOT_PWNED_PASSWORDS_URL: "off" })).toBeNull();
  });
});
