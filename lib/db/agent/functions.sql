-- The agent's SQL functions as the migrated database holds them now: one place to read the hot
-- path's locking and stale checks (lib/db/agent/run-start.ts, step-store.ts, tool-result.ts call them).
-- functions-sql.integration.test.ts checks this file against pg_get_functiondef of the migrated
-- test database, so it cannot drift from prisma/migrations.
--
-- To change a function: edit it here, then create a migration (npx prisma migrate dev --create-only
-- --name <what>) and copy the changed CREATE OR REPLACE FUNCTION statements into its migration.sql
-- (a changed argument list needs a DROP FUNCTION of the old signature first). The test fails until
-- both agree.

-- pylot_run_json (last defined in prisma/migrations/20261205120000_thinking_models).
CREATE OR REPLACE FUNCTION pylot_run_json(r "AgentRun") RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'id', r.id, 'notebookId', r."notebookId", 'status', r.status, 'model', r.model, 'mode', r.mode,
    'effort', r.effort, 'promptVersion', r."promptVersion",
    'stepCount', r."stepCount", 'maxSteps', r."maxSteps", 'inputTokens', r."inputTokens",
    'outputTokens', r."outputTokens", 'cacheReadTokens', r."cacheReadTokens", 'cacheWriteTokens', r."cacheWriteTokens",
    'costUsd', r."costUsd"::text, 'error', r.error,
    'createdAtMs', floor(extract(epoch FROM r."createdAt") * 1000),
    'finishedAtMs', floor(extract(epoch FROM r."finishedAt") * 1000))
$$;

-- pylot_message_json (last defined in prisma/migrations/20261123141500_agent_step_functions).
CREATE OR REPLACE FUNCTION pylot_message_json(m "Message") RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('id', m.id, 'runId', m."runId", 'role', m.role, 'content', m.content,
    'position', m.position, 'createdAtMs', floor(extract(epoch FROM m."createdAt") * 1000))
$$;

-- pylot_start_run (last defined in prisma/migrations/20261205120000_thinking_models).
CREATE OR REPLACE FUNCTION pylot_start_run(
  p_owner uuid, p_notebook uuid, p_prompt text, p_mode text, p_model text, p_max_steps int,
  p_runs_per_minute int, p_settings jsonb, p_after_message uuid, p_content jsonb,
  p_effort text, p_prompt_version text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_settings jsonb;
  v_new_settings jsonb;
  v_active uuid;
  v_recent int;
  v_oldest timestamp(3);
  v_last_id uuid;
  v_last_pos int;
  v_now timestamp(3);
  v_run "AgentRun";
  v_msg "Message";
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_owner::text, 0));
  SELECT settings INTO v_settings FROM "Notebook" WHERE id = p_notebook AND "ownerId" = p_owner FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('error', 'not_found');
  END IF;
  SELECT id INTO v_active FROM "AgentRun" WHERE "notebookId" = p_notebook AND status IN ('running', 'awaiting_approval') LIMIT 1;
  IF v_active IS NOT NULL THEN
    RETURN jsonb_build_object('error', 'run_active', 'runId', v_active);
  END IF;
  v_now := clock_timestamp() AT TIME ZONE 'UTC';
  -- At most p_runs_per_minute rows are read: enough to know whether the limit is reached.
  SELECT count(*), min(recent."createdAt") INTO v_recent, v_oldest FROM (
    SELECT r."createdAt" FROM "AgentRun" r
      WHERE r."ownerId" = p_owner AND r."createdAt" > v_now - interval '60 seconds'
      ORDER BY r."createdAt" LIMIT p_runs_per_minute) recent;
  IF v_recent >= p_runs_per_minute THEN
    RETURN jsonb_build_object('error', 'rate_limited', 'retryAfterMs',
      floor(extract(epoch FROM (v_oldest + interval '60 seconds' - v_now)) * 1000));
  END IF;
  SELECT id, position INTO v_last_id, v_last_pos FROM "Message" WHERE "notebookId" = p_notebook ORDER BY position DESC LIMIT 1;
  IF v_last_id IS DISTINCT FROM p_after_message OR v_settings IS DISTINCT FROM p_settings THEN
    RETURN jsonb_build_object('error', 'stale');
  END IF;
  v_new_settings := (CASE WHEN jsonb_typeof(v_settings) = 'object' THEN v_settings ELSE '{}'::jsonb END)
    || jsonb_build_object('model', p_model, 'mode', p_mode, 'promptVersion', p_prompt_version);
  v_new_settings := CASE WHEN p_effort IS NULL THEN v_new_settings - 'effort' ELSE v_new_settings || jsonb_build_object('effort', p_effort) END;
  IF v_new_settings IS DISTINCT FROM v_settings THEN
    UPDATE "Notebook" SET settings = v_new_settings, "updatedAt" = v_now WHERE id = p_notebook;
  END IF;
  -- An interrupted run can only be resumed while it is the latest; a new request ends it.
  UPDATE "AgentRun" SET status = 'stopped', "finishedAt" = v_now, error = 'Not resumed: a new request was sent.'
    WHERE "notebookId" = p_notebook AND status = 'interrupted';
  INSERT INTO "AgentRun" (id, "notebookId", "ownerId", prompt, status, model, mode, effort, "promptVersion", "maxSteps", "createdAt")
    VALUES (gen_random_uuid(), p_notebook, p_owner, p_prompt, 'running', p_model, p_mode, p_effort, p_prompt_version, p_max_steps, v_now)
    RETURNING * INTO v_run;
  INSERT INTO "Message" (id, "notebookId", "runId", role, content, position, "createdAt")
    VALUES (gen_random_uuid(), p_notebook, v_run.id, 'user', p_content, coalesce(v_last_pos, -1) + 1, v_now)
    RETURNING * INTO v_msg;
  RETURN jsonb_build_object('run', pylot_run_json(v_run), 'message', pylot_message_json(v_msg));
END
$$;

-- pylot_end_step (last defined in prisma/migrations/20261205120000_thinking_models).
CREATE OR REPLACE FUNCTION pylot_end_step(
  p_owner uuid, p_run uuid, p_after_message uuid, p_assistant jsonb, p_status text, p_error text,
  p_input int, p_output int, p_cache_read int, p_cache_write int, p_cost numeric
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_notebook uuid;
  v_run "AgentRun";
  v_last_id uuid;
  v_last_pos int;
  v_persisted boolean;
  v_now timestamp(3);
BEGIN
  -- Notebook first, then run: the lock order of every conversation write.
  SELECT n.id INTO v_notebook FROM "Notebook" n
    WHERE n.id = (SELECT r."notebookId" FROM "AgentRun" r WHERE r.id = p_run) AND n."ownerId" = p_owner
    FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('error', 'not_found');
  END IF;
  SELECT * INTO v_run FROM "AgentRun" WHERE id = p_run FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('error', 'not_found');
  END IF;
  SELECT id, position INTO v_last_id, v_last_pos FROM "Message" WHERE "notebookId" = v_notebook ORDER BY position DESC LIMIT 1;
  v_persisted := v_run.status = 'running' AND v_last_id IS NOT DISTINCT FROM p_after_message;
  v_now := clock_timestamp() AT TIME ZONE 'UTC';
  IF v_persisted AND p_assistant IS NOT NULL AND jsonb_array_length(p_assistant) > 0 THEN
    INSERT INTO "Message" (id, "notebookId", "runId", role, content, position, "createdAt")
      VALUES (gen_random_uuid(), v_notebook, p_run, 'assistant', p_assistant, coalesce(v_last_pos, -1) + 1, v_now);
  END IF;
  UPDATE "AgentRun" SET
    "stepCount" = "stepCount" + 1,
    "inputTokens" = "inputTokens" + p_input,
    "outputTokens" = "outputTokens" + p_output,
    "cacheReadTokens" = "cacheReadTokens" + p_cache_read,
    "cacheWriteTokens" = "cacheWriteTokens" + p_cache_write,
    "costUsd" = round("costUsd" + p_cost, 6),
    status = CASE WHEN v_persisted THEN p_status::"RunStatus" ELSE status END,
    error = CASE WHEN v_persisted THEN p_error ELSE error END,
    "finishedAt" = CASE WHEN NOT v_persisted THEN "finishedAt"
      WHEN p_status IN ('completed', 'failed', 'stopped') THEN v_now ELSE NULL END
    WHERE id = p_run
    RETURNING * INTO v_run;
  RETURN jsonb_build_object('run', pylot_run_json(v_run), 'persisted', v_persisted);
END
$$;

-- pylot_create_agent_cell (last defined in prisma/migrations/20261123141500_agent_step_functions).
CREATE OR REPLACE FUNCTION pylot_create_agent_cell(p_owner uuid, p_notebook uuid, p_run uuid, p_tool_use_id text)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamp(3);
  v_position int;
  v_id uuid;
BEGIN
  v_now := clock_timestamp() AT TIME ZONE 'UTC';
  UPDATE "Notebook" SET revision = revision + 1, "updatedAt" = v_now WHERE id = p_notebook AND "ownerId" = p_owner;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('error', 'not_found');
  END IF;
  SELECT count(*) INTO v_position FROM "Cell" WHERE "notebookId" = p_notebook;
  INSERT INTO "Cell" (id, "notebookId", position, kind, source, author, "agentRunId", "toolUseId", "createdAt", "updatedAt")
    VALUES (gen_random_uuid(), p_notebook, v_position, 'code', '', 'agent', p_run, p_tool_use_id, v_now, v_now)
    RETURNING id INTO v_id;
  RETURN jsonb_build_object('cellId', v_id, 'index', v_position);
END
$$;

-- pylot_add_tool_result (last defined in prisma/migrations/20261123141500_agent_step_functions).
CREATE OR REPLACE FUNCTION pylot_add_tool_result(
  p_owner uuid, p_run uuid, p_expected_status text, p_last_message uuid,
  p_update_message uuid, p_update_content jsonb, p_content jsonb, p_set_running boolean
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_notebook uuid;
  v_run "AgentRun";
  v_last_id uuid;
  v_last_pos int;
  v_msg "Message";
  v_now timestamp(3);
BEGIN
  SELECT n.id INTO v_notebook FROM "Notebook" n
    WHERE n.id = (SELECT r."notebookId" FROM "AgentRun" r WHERE r.id = p_run) AND n."ownerId" = p_owner
    FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('error', 'not_found');
  END IF;
  SELECT * INTO v_run FROM "AgentRun" WHERE id = p_run FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('error', 'not_found');
  END IF;
  SELECT id, position INTO v_last_id, v_last_pos FROM "Message" WHERE "notebookId" = v_notebook ORDER BY position DESC LIMIT 1;
  IF v_run.status::text <> p_expected_status OR v_last_id IS DISTINCT FROM p_last_message THEN
    RETURN jsonb_build_object('error', 'stale');
  END IF;
  IF p_update_message IS NOT NULL THEN
    UPDATE "Message" SET content = p_content WHERE id = p_update_message AND content = p_update_content RETURNING * INTO v_msg;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('error', 'stale');
    END IF;
  ELSE
    v_now := clock_timestamp() AT TIME ZONE 'UTC';
    INSERT INTO "Message" (id, "notebookId", "runId", role, content, position, "createdAt")
      VALUES (gen_random_uuid(), v_notebook, p_run, 'user', p_content, coalesce(v_last_pos, -1) + 1, v_now)
      RETURNING * INTO v_msg;
  END IF;
  IF p_set_running AND v_run.status <> 'running' THEN
    UPDATE "AgentRun" SET status = 'running' WHERE id = p_run RETURNING * INTO v_run;
  END IF;
  RETURN jsonb_build_object('run', pylot_run_json(v_run), 'message', pylot_message_json(v_msg));
END
$$;
