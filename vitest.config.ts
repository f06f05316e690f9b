import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": root.replace(/\/$/, ""),
      // Tests are server code: the `server-only` marker resolves as it does in Next's server layer.
      "server-only": `${root}node_modules/server-only/empty.js`,
    },
  },
  test: {
    include: ["**/__tests__/**/*.test.ts", "**/*.test.ts"],
    exclude: ["**/node_modules/**", ".next/**", "public/**", "lib/db/generated/**"],
    environment: "node",
    // Tests never reach Have I Been Pwned (unreachable offline, and test passwords are famous ones);
    // breached-sign-up.integration.test.ts points the check at a local range API instead.
    env: { PYLOT_PWNED_PASSWORDS_URL: "off" },
    globalSetup: ["./vitest.global-setup.ts"],
    // Forks, not threads: the pg driver and Prisma's wasm are happiest in a process of their own.
    pool: "forks",
    // Two workers on the 2-core CI machine: the database is shared, so tests isolate by owner id,
    // never by truncating tables.
    fileParallelism: true,
    maxWorkers: 2,
    // Integration tests drive several HTTP round trips and transactions: 5 s (the default) is too
    // tight on a loaded 2-core machine. A timeout is a hang detector here, never a speed assertion.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 30_000,
  },
});
