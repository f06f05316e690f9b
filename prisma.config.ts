// Prisma CLI configuration. Every CLI command first tries to download the native schema engine,
// which fails offline; pointing it at a stub lets generate/validate/format run, while migrate
// commands fail loudly and point to scripts/db/migrate.ts (the wasm engine) instead.
// No datasource here: env("DATABASE_URL") throws when unset, and generate does not need it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const root = path.dirname(fileURLToPath(import.meta.url));
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "scripts/db/schema-engine-stub.sh");

export default defineConfig({
  schema: path.join(root, "prisma/schema.prisma"),
  migrations: { path: path.join(root, "prisma/migrations") },
});
