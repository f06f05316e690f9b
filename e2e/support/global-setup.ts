// One real stack per test run (embedded PostgreSQL, offline migrations, production Next server).
// Workers read the database address from the environment (a restart test starts its own server).
import { startStack } from "../../scripts/harness/stack";
import { E2E_PORT, E2E_SECRET } from "./config";

export default async function globalSetup() {
  const stack = await startStack({ port: E2E_PORT, secret: E2E_SECRET });
  Object.assign(process.env, { DATABASE_URL: stack.databaseUrl, PYLOT_SECRET: E2E_SECRET });
  return () => stack.stop();
}
