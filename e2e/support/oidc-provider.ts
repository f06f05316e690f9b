// A real OpenID Connect provider for the e2e run (the `oidc-provider` package, the certified
// implementation): one client (Pylot's main e2e server) and one account, with the package's own
// login and consent pages, which oidc.spec.ts fills in. It listens on "localhost" while the app is
// 127.0.0.1, so the two keep separate cookie jars like two real sites.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export const OIDC_CLIENT_ID = "pylot-e2e";
export const OIDC_CLIENT_SECRET = "pylot-e2e-client-secret-0123456789";
/** The one account the provider knows: the login typed on its sign-in page. */
export const OIDC_LOGIN = "ada";
export const OIDC_EMAIL = "ada@oidc.example.test";

export interface OidcProviderHandle {
  issuer: string;
  close(): Promise<void>;
}

export async function startOidcProvider(appOrigins: string[]): Promise<OidcProviderHandle> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: appOrigins.map((origin) => `${origin}/api/auth/callback/oidc`),
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["e2e-oidc-cookie-key-0123456789abcdef"] },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx, id) =>
      id === OIDC_LOGIN
        ? {
            accountId: id,
            claims: async () => ({ sub: id, email: OIDC_EMAIL, email_verified: true, name: "Ada Lovelace" }),
          }
        : undefined,
  });
  server.on("request", provider.callback());
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
