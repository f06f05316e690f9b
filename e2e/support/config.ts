export const E2E_PORT = Number(process.env.PYLOT_E2E_PORT ?? 3199);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** A fixed secret so a second server started by a test accepts the same cookies. */
export const E2E_SECRET = "e2e-secret-0123456789abcdef0123456789abcdef";
/** A second server on the same database with PYLOT_AUTH=required (global-setup.ts). */
export const E2E_REQUIRED_PORT = E2E_PORT + 300;
export const E2E_REQUIRED_URL = `http://127.0.0.1:${E2E_REQUIRED_PORT}`;
