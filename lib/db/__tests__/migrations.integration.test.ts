// The migrations as shipped, applied by our offline engine to the test database (vitest.global-setup.ts).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrateDeploy, migrateStatus } from "@/scripts/db/migrate";
import { MIGRATIONS_DIR } from "@/scripts/db/migrations-dir";

const databaseUrl = inject("databaseUrl");
const migrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const sha256 = (name: string) =>
  createHash("sha256")
    .update(readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql")))
    .digest("hex");

describe("migrations", () => {
  const client = new pg.Client({ connectionString: databaseUrl });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("created every table of the schema", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      [
        "Account",
        "AgentRun",
        "Cell",
        "File",
        "FileChunk",
        "Invite",
        "Message",
        "Notebook",
        "Passkey",
        "RateLimit",
        "Session",
        "ShareLink",
        "Setting",
        "SpendReservation",
        "User",
        "Verification",
        "WriteReceipt",
        "_prisma_migrations",
      ].sort(),
    );
  });

  it("recorded each migration as native Prisma does: finished, with the file's sha256", async () => {
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished: boolean;
      rolled_back: boolean;
    }>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
       FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(migrations.length).toBeGreaterThan(0);
    expect(rows).toEqual(
      migrations.map((name) => ({ migration_name: name, checksum: sha256(name), finished: true, rolled_back: false })),
    );
  });

  it("deploys again as a no-op, and status reports the database in sync", async () => {
    expect(await migrateDeploy(databaseUrl)).toEqual({ applied: [] });
    const status = await migrateStatus(databaseUrl);
    expect(status).toMatchObject({
      inSync: true,
      history: null,
      failedMigrationNames: [],
      editedMigrationNames: [],
      migrations,
    });
    const { rows } = await client.query("SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(rows[0].n).toBe(migrations.length);
  });
});
