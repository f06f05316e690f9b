import { describe, expect, it } from "vitest";
import { resetPasswordMessage } from "@/lib/mail/messages";
import { mailFrom, smtpUrl } from "@/lib/mail/smtp-url";
import { authErrorMessage, redirectErrorCode } from "../auth-error-page";
import { oidcSettings } from "../oidc";

describe("oidcSettings", () => {
  it("is off without an issuer and a client id (no button)", () => {
    expect(oidcSettings({})).toBeNull();
    expect(oidcSettings({ PYLOT_OIDC_ISSUER: "https://id.example" })).toBeNull();
    expect(oidcSettings({ PYLOT_OIDC_CLIENT_ID: "pylot" })).toBeNull();
  });

  it("reads the issuer without its trailing slash, and a default label", () => {
    expect(oidcSettings({ PYLOT_OIDC_ISSUER: "https://id.example/realms/t/", PYLOT_OIDC_CLIENT_ID: "pylot" })).toEqual({
      issuer: "https://id.example/realms/t",
      clientId: "pylot",
      clientSecret: undefined,
      name: "single sign-on",
    });
  });
});

describe("SMTP settings", () => {
  it("are off without SMTP_URL", () => {
    expect(smtpUrl({})).toBeNull();
    expect(smtpUrl({ SMTP_URL: "  " })).toBeNull();
  });

  it("send from SMTP_FROM, else no-reply at the SMTP host", () => {
    expect(mailFrom({ SMTP_URL: "smtp://u:p@mail.example:587" })).toBe("Pylot <no-reply@mail.example>");
    expect(mailFrom({ SMTP_URL: "smtp://mail.example", SMTP_FROM: "Team <t@example>" })).toBe("Team <t@example>");
  });
});

describe("account mail", () => {
  it("carries the link in text and escaped in HTML, with no images", () => {
    const url = 'http://pylot.example/api/auth/reset-password/t?callbackURL=%2F&x="<b>';
    const mail = resetPasswordMessage(url);
    expect(mail.text).toContain(url);
    expect(mail.html).not.toContain('"<b>');
    expect(mail.html).toContain("&#34;&#60;b&#62;");
    expect(mail.html).not.toMatch(/<img/i);
  });
});

describe("failed sign-in links", () => {
  it("say what happened for the known codes, and name an unknown one", () => {
    expect(authErrorMessage("state_mismatch")).toMatch(/not started in this browser/);
    expect(authErrorMessage("INVALID_TOKEN")).toMatch(/expired or was already used/);
    expect(authErrorMessage("odd_code")).toMatch(/odd_code/);
    expect(authErrorMessage("__proto__")).toMatch(/__proto__/);
  });

  it("are read only from redirects to our own origin", () => {
    const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });
    const here = "http://pylot.example/api/auth/callback/oidc";
    expect(redirectErrorCode(redirect("/api/auth/error?error=state_mismatch"), here)).toBe("state_mismatch");
    expect(redirectErrorCode(redirect("https://id.example/authorize?error=x"), here)).toBeNull();
    expect(redirectErrorCode(redirect("/"), here)).toBeNull();
    expect(redirectErrorCode(new Response("ok"), here)).toBeNull();
  });
});
