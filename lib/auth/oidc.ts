// Generic OpenID Connect for teams (Keycloak, Google, Microsoft…) through Better Auth's genericOAuth
// plugin, configured by env; without PYLOT_OIDC_ISSUER and PYLOT_OIDC_CLIENT_ID there is no button.
// The provider's endpoints come from its discovery document. Signing in with a provider whose email
// matches an existing account links to it only when both sides have verified the email (Better
// Auth's default, requireLocalEmailVerified): an account made with someone else's unverified email
// cannot capture their sign-in.
import "server-only";
import { genericOAuth } from "better-auth/plugins";

/** The provider id in Better Auth's routes: /api/auth/callback/oidc is the redirect URI to register. */
export const OIDC_PROVIDER_ID = "oidc";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** The button's label: "Continue with <name>". */
  name: string;
}

export function oidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
  const issuer = env.PYLOT_OIDC_ISSUER?.trim();
  const clientId = env.PYLOT_OIDC_CLIENT_ID?.trim();
  if (!issuer || !clientId) return null;
  return {
    issuer: issuer.replace(/\/+$/, ""),
    clientId,
    clientSecret: env.PYLOT_OIDC_CLIENT_SECRET || undefined,
    name: env.PYLOT_OIDC_NAME?.trim() || "single sign-on",
  };
}

export function oidcPlugin(settings: OidcSettings) {
  return genericOAuth({
    config: [
      {
        providerId: OIDC_PROVIDER_ID,
        name: settings.name,
        discoveryUrl: `${settings.issuer}/.well-known/openid-configuration`,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        scopes: ["openid", "email", "profile"],
        pkce: true,
      },
    ],
  });
}
