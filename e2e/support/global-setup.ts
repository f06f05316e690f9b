// One real stack per test run (embedded PostgreSQL, offline migrations, production Next server)
// plus the fake Anthropic server the app's real SDK talks to. Workers read the addresses from the
// environment (a restart test starts its own server).
import { startStack } from "../../scripts/harness/stack";
import { ALL_TASKS } from "../../eval/tasks";
import { REFERENCE_SCENARIO, referenceScenario } from "../fake-anthropic/eval-policies";
import { startFakeAnthropic } from "../fake-anthropic/server";
import { join } from "node:path";
import { mirrorPackages } from "../../lib/packages/mirror";
import { startPackageIndex } from "../fixtures/package-index/server";
import { startServer } from "../../scripts/harness/next-server";
import {
  E2E_BASE_URL,
  E2E_INVITE_PORT,
  E2E_INVITE_USER_CAP_USD,
  E2E_PORT,
  E2E_REQUIRED_PORT,
  E2E_SECRET,
} from "./config";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startOidcProvider } from "./oidc-provider";
import { E2E_BREACHED_PASSWORD } from "../pages/account";
import { startRangeApi } from "./pwned-range-api";
import { startSmtpCapture } from "./smtp-capture";

export const E2E_ANTHROPIC_KEY = "e2e-anthropic-key";

export default async function globalSetup() {
  // eval.spec.ts selects the eval reference policy with a [scenario:eval-reference] marker.
  // PYLOT_E2E_FAKE_EXTRA_MODELS (JSON list): models added to the fake's catalogue, e.g. to let an
  // older build whose default model has since retired reach the fake (docs/issue-13-verification.md).
  const extraModels = process.env.PYLOT_E2E_FAKE_EXTRA_MODELS
    ? JSON.parse(process.env.PYLOT_E2E_FAKE_EXTRA_MODELS)
    : [];
  const fake = await startFakeAnthropic({
    port: 0,
    scenarios: { [REFERENCE_SCENARIO]: referenceScenario(ALL_TASKS) },
    extraModels,
  });
  // A small file limit keeps the "too big" uploads in files.spec.ts light.
  const agentEnv = {
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_API_KEY: E2E_ANTHROPIC_KEY,
    PYLOT_AGENT_RUNS_PER_MINUTE: "1000",
    // Every test's browser context is a new owner from 127.0.0.1.
    PYLOT_OWNER_MINTS_PER_HOUR: "0",
    PYLOT_MODEL_LIST_CACHE_SECONDS: "0",
    PYLOT_MAX_FILE_BYTES: String(2 * 1024 * 1024),
    // Every sign-in comes from 127.0.0.1 (the limit itself is an integration test).
    PYLOT_SIGN_IN_ATTEMPTS_PER_MINUTE: "1000",
  };
  // Packages come from a local test index (another origin, like the CDN); short stall limit.
  const index = await startPackageIndex();
  // A mirror of two of its packages, which the app serves at /pyodide-packages/ (the "local" source).
  const mirror = join(index.dir, "mirror");
  await mirrorPackages({
    baseURL: index.url,
    lock: { url: `${index.url}pyodide-lock.json` },
    names: ["pylot-demo-plot"],
    outDir: mirror,
  });
  const packageEnv = {
    PYLOT_PACKAGE_INDEX_URL: index.url,
    PYLOT_PACKAGE_TIMEOUT_MS: "3000",
    PYLOT_PACKAGE_MIRROR_DIR: mirror,
  };
  // Sign-in through a real OpenID Connect provider (oidc.spec.ts) and mail through a real SMTP server
  // (email.spec.ts), on the main server only; passkey.spec.ts opens it as localhost.
  const oidc = await startOidcProvider([E2E_BASE_URL, `http://localhost:${E2E_PORT}`]);
  const smtp = await startSmtpCapture();
  // Every server checks new passwords against this stand-in for Have I Been Pwned (unreachable here).
  const pwned = await startRangeApi([E2E_BREACHED_PASSWORD]);
  const pwnedEnv = { PYLOT_PWNED_PASSWORDS_URL: pwned.url };
  const accountEnv = {
    PYLOT_OIDC_ISSUER: oidc.issuer,
    PYLOT_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
    PYLOT_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
    PYLOT_OIDC_NAME: "Test SSO",
    SMTP_URL: smtp.url,
  };
  const stack = await startStack({
    port: E2E_PORT,
    secret: E2E_SECRET,
    env: { ...agentEnv, ...packageEnv, ...accountEnv, ...pwnedEnv },
  });
  // The same app on the same database with PYLOT_AUTH=required, for the specs about that mode
  // (e2e/auth-required.spec.ts): one extra server per run, not one per test.
  const required = await startServer(E2E_REQUIRED_PORT, {
    DATABASE_URL: stack.databaseUrl,
    PYLOT_SECRET: E2E_SECRET,
    ...agentEnv,
    ...packageEnv,
    ...pwnedEnv,
    PYLOT_AUTH: "required",
  }).catch(async (err) => {
    await stack.stop();
    throw err;
  });
  // PYLOT_AUTH=invite with a per-user daily cap, for e2e/invite.spec.ts and e2e/admin.spec.ts.
  const invite = await startServer(E2E_INVITE_PORT, {
    DATABASE_URL: stack.databaseUrl,
    PYLOT_SECRET: E2E_SECRET,
    ...agentEnv,
    ...packageEnv,
    ...pwnedEnv,
    PYLOT_AUTH: "invite",
    PYLOT_USER_DAILY_BUDGET_USD: String(E2E_INVITE_USER_CAP_USD),
  }).catch(async (err) => {
    await required.stop();
    await stack.stop();
    throw err;
  });
  Object.assign(process.env, {
    DATABASE_URL: stack.databaseUrl,
    PYLOT_SECRET: E2E_SECRET,
    FAKE_ANTHROPIC_URL: fake.url,
    PYLOT_E2E_AGENT_ENV: JSON.stringify({ ...agentEnv, ...packageEnv }),
    PYLOT_E2E_PACKAGE_INDEX: index.origin,
    PYLOT_E2E_PACKAGE_MIRROR: mirror,
    PYLOT_E2E_MAIL_DIR: smtp.dir,
  });
  return async () => {
    await invite.stop();
    await required.stop();
    await stack.stop();
    await fake.close();
    await index.close();
    await oidc.close();
    await smtp.close();
    await pwned.close();
  };
}
