// lib/db/agent/functions.sql is the readable copy of the agent's SQL functions: this checks that
// each one, created from that file in a scratch schema, is the function the migrations left in
// the database (pg_get_functiondef, with the schema name the only difference allowed).
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const FUNCTIONS = [
  "pylot_run_json",
  "pylot_message_json",
  "pylot_start_run",
  "pylot_end_step",
  "pylot_create_agent_cell",
  "pylot_add_tool_result",
];
const SCRATCH = "pylot_functions_check";
const sql = readFileSync(path.join(__dirname, "..", "functions.sql"), "utf8");

const DEFS = `SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = $1 AND p.proname LIKE 'pylot\\_%' AND p.prorettype <> 'trigger'::regtype
  ORDER BY p.proname`;
// Trigger functions (the accounts' first-admin rule) are not the agent's: they live in their migration.

describe("lib/db/agent/functions.sql", () => {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("defines exactly the agent functions the migrated database holds, with the same text", async () => {
    await client.query("BEGIN");
    try {
      await client.query(`CREATE SCHEMA ${SCRATCH}`);
      await client.query(`SET LOCAL search_path = ${SCRATCH}, public`);
      await client.query(sql);
      const mine = await client.query<{ name: string; def: string }>(DEFS, [SCRATCH]);
      const live = await client.query<{ name: string; def: string }>(DEFS, ["public"]);
      expect(mine.rows.map((r) => r.name)).toEqual([...FUNCTIONS].sort());
      expect(live.rows.map((r) => r.name)).toEqual([...FUNCTIONS].sort());
      for (const [i, row] of mine.rows.entries())
        expect(row.def.replaceAll(`${SCRATCH}.`, "public."), row.name).toBe(live.rows[i]!.def);
    } finally {
      await client.query("ROLLBACK");
    }
  });

  it("fails the comparison when a function's body differs (the check is not vacuous)", async () => {
    await client.query("BEGIN");
    try {
      await client.query(`CREATE SCHEMA ${SCRATCH}`);
      await client.query(`SET LOCAL search_path = ${SCRATCH}, public`);
      await client.query(sql.replace("'stale'", "'changed'"));
      const mine = await client.query<{ name: string; def: string }>(DEFS, [SCRATCH]);
      const live = await client.query<{ name: string; def: string }>(DEFS, ["public"]);
      const differing = mine.rows
        .filter((r, i) => r.def.replaceAll(`${SCRATCH}.`, "public.") !== live.rows[i]!.def)
        .map((r) => r.name);
      expect(differing.length).toBe(1);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
