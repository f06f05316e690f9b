// The secret that signs owner cookies. It must survive restarts (or every visitor loses their
// notebooks), so a generated one is kept in the data directory, readable only by its owner.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type SecretSource = "env" | "file" | "generated";

export function ensureSecret(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): { secret: string; source: SecretSource } {
  if (env.PYLOT_SECRET) return { secret: env.PYLOT_SECRET, source: "env" };
  const file = path.join(dataDir, "secret");
  const existing = readIfExists(file)?.trim();
  if (existing) return { secret: existing, source: "file" };
  const secret = randomBytes(32).toString("hex");
  // "wx": if two starts race, the second fails here instead of overwriting the first one's secret.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    const raced = readIfExists(file)?.trim();
    if (raced) return { secret: raced, source: "file" };
    throw err;
  }
  return { secret, source: "generated" };
}

function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}
