import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/app-error";
import { onPublicOrigin, publicOrigin } from "../public-origin";

const at = (host: string | null, url = "http://127.0.0.1:3000/api/auth/x?y=1") =>
  new Request(url, { headers: host ? { host } : {} });

describe("publicOrigin", () => {
  it("is the Host the browser used, not the address the server listens on", () => {
    expect(publicOrigin(at("pylot.example:8080"), {})).toBe("http://pylot.example:8080");
  });

  it("is https behind TLS (PYLOT_SECURE_COOKIES=1)", () => {
    expect(publicOrigin(at("pylot.example"), { PYLOT_SECURE_COOKIES: "1" })).toBe("https://pylot.example");
  });

  it("is PYLOT_PUBLIC_URL whatever the Host says, when set", () => {
    const env = { PYLOT_PUBLIC_URL: "https://notebooks.example/" };
    expect(publicOrigin(at("evil.example"), env)).toBe("https://notebooks.example");
  });

  it("refuses a Host that is not a host", () => {
    for (const host of ["evil.example/path", "user@evil.example", "a b", "evil.example?x"]) {
      expect(() => publicOrigin(at(host), {}), host).toThrow(AppError);
    }
  });

  it("re-addresses the request keeping path, query, method and headers", async () => {
    const req = new Request("http://127.0.0.1:3000/api/auth/sign-in/email?a=1", {
      method: "POST",
      headers: { host: "pylot.example", "content-type": "application/json" },
      body: JSON.stringify({ ok: true }),
    });
    const moved = onPublicOrigin(req, {});
    expect(moved.url).toBe("http://pylot.example/api/auth/sign-in/email?a=1");
    expect(moved.method).toBe("POST");
    expect(moved.headers.get("content-type")).toBe("application/json");
    expect(await moved.json()).toEqual({ ok: true });
  });
});
