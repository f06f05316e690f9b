// .env.example says "copy to .env": our scripts read it before anything looks at the environment
// (Next would read it too late for DATABASE_URL and PORT). Variables already set in the shell win.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function loadDotEnv(file = path.join(ROOT, ".env")): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}
