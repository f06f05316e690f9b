export const E2E_PORT = Number(process.env.PYLOT_E2E_PORT ?? 3199);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** A fixed secret so a second server started by a test accepts the same cookies. */
export const E2E_SECRET = "e2e-secret-0123456789abcdef0123456789abcdef";
/** A second server on the same database with PYLOT_AUTH=required (global-setup.ts). */
export const E2E_REQUIRED_PORT = E2E_PORT + 300;
export const E2E_REQUIRED_URL = `http://127.0.0.1:${E2E_REQUIRED_PORT}`;
/**
 * A third server on the same database with PYLOT_AUTH=invite and a per-user daily cap
 * (global-setup.ts), for e2e/invite.spec.ts and e2e/admin.spec.ts. Not the required server switched
 * to invite mode: auth-required.spec.ts has a reader create an account with no invite.
 */
export const E2E_INVITE_PORT = E2E_PORT + 500;
export const E2E_INVITE_URL = `http://127.0.0.1:${E2E_INVITE_PORT}`;
/** The invite server's per-user daily cap, in USD (PYLOT_USER_DAILY_BUDGET_USD). */
export const E2E_INVITE_USER_CAP_USD = 3;
