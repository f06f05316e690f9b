-- The agent's hot path as one statement each (lib/db/agent-run-start.ts, agent-step-store.ts):
-- starting a run and ending a model step were interactive transactions of ~10 round trips that
-- held a pool connection throughout; as functions they hold it for the statement only.
-- Timestamps are written in UTC (the columns are timestamp without time zone, as Prisma writes
-- them) from clock_timestamp(), taken after the locks so runs of one notebook stay in order.

-- A run row as the app reads it: ids as text, times as epoch milliseconds, cost as exact text.
CREATE OR REPLACE FUNCTION pylot_run_json(r "AgentRun") RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'id', r.id, 'notebookId', r."notebookId", 'status', r.status, 'model', r.model, 'mode', r.mode,
    'stepCount', r."stepCount", 'maxSteps', r."maxSteps", 'inputTokens', r."inputTokens",
    'outputTokens', r."outputTokens", 'cacheReadTokens', r."cacheReadTokens", 'cacheWriteTokens', r."cacheWriteTokens",
    'costUsd', r."costUsd"::text, 'error', r.error,
    'createdAtMs', floor(extract(epoch FROM r."createdAt") * 1000),
    'finishedAtMs', floor(extract(epoch FROM r."finishedAt") * 1000))
$$;

CREATE OR REPLACE FUNCTION pylot_message_json(m "Message") RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('id', m.id, 'runId', m."runId", 'role', m.role, 'content', m.content,
    'position', m.position, 'createdAtMs', floor(extract(epoch FROM m."createdAt") * 1000))
$$;

-- Starts a run: serializes the owner's starts (the per-minute limit holds across instances),
-- locks the notebook's conversation, checks ownership, that no run is active, the rate limit,
-- and that the conversation and settings are still the ones the caller built the first user turn
-- from (else 'stale': the caller reads again). Then ends an interrupted run, saves the model and
-- mode in the settings, and inserts the run and its first user turn.
CREATE OR REPLACE FUNCTION pylot_start_run(
  p_owner uuid, p_notebook uuid, p_prompt text, p_mode text, p_model text, p_max_steps int,
  p_runs_per_minute int, p_settings jsonb, p_after_message uuid, p_content jsonb
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
  SELECT count(*), min(r."createdAt") INTO v_recent, v_oldest
    FROM "AgentRun" r JOIN "Notebook" n ON n.id = r."notebookId"
    WHERE n."ownerId" = p_owner AND r."createdAt" > v_now - interval '60 seconds';
  IF v_recent >= p_runs_per_minute THEN
    RETURN jsonb_build_object('error', 'rate_limited', 'retryAfterMs',
      floor(extract(epoch FROM (v_oldest + interval '60 seconds' - v_now)) * 1000));
  END IF;
  SELECT id, position INTO v_last_id, v_last_pos FROM "Message" WHERE "notebookId" = p_notebook ORDER BY position DESC LIMIT 1;
  IF v_last_id IS DISTINCT FROM p_after_message OR v_settings IS DISTINCT FROM p_settings THEN
    RETURN jsonb_build_object('error', 'stale');
  END IF;
  v_new_settings := (CASE WHEN jsonb_typeof(v_settings) = 'object' THEN v_settings ELSE '{}'::jsonb END)
    || jsonb_build_object('model', p_model, 'mode', p_mode);
  IF v_new_settings IS DISTINCT FROM v_settings THEN
    UPDATE "Notebook" SET settings = v_new_settings, "updatedAt" = v_now WHERE id = p_notebook;
  END IF;
  -- An interrupted run can only be resumed while it is the latest; a new request ends it.
  UPDATE "AgentRun" SET status = 'stopped', "finishedAt" = v_now, error = 'Not resumed: a new request was sent.'
    WHERE "notebookId" = p_notebook AND status = 'interrupted';
  INSERT INTO "AgentRun" (id, "notebookId", prompt, status, model, mode, "maxSteps", "createdAt")
    VALUES (gen_random_uuid(), p_notebook, p_prompt, 'running', p_model, p_mode, p_max_steps, v_now)
    RETURNING * INTO v_run;
  INSERT INTO "Message" (id, "notebookId", "runId", role, content, position, "createdAt")
    VALUES (gen_random_uuid(), p_notebook, v_run.id, 'user', p_content, coalesce(v_last_pos, -1) + 1, v_now)
    RETURNING * INTO v_msg;
  RETURN jsonb_build_object('run', pylot_run_json(v_run), 'message', pylot_message_json(v_msg));
END
$$;

-- Ends a model call: always counts the step and its tokens (cost recomputed from the totals with
-- the run model's prices per million tokens from p_prices = {"models": {id: price}, "fallback":
-- price}, the app's price table, rounded once, so it never drifts); appends the assistant
-- turn and sets the status only if the run is still running and its conversation still ends with
-- p_after_message (persisted = false: a stop or another tab got there first).
CREATE OR REPLACE FUNCTION pylot_end_step(
  p_owner uuid, p_run uuid, p_after_message uuid, p_assistant jsonb, p_status text, p_error text,
  p_input int, p_output int, p_cache_read int, p_cache_write int, p_prices jsonb
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_price jsonb;
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
  v_price := coalesce(p_prices -> 'models' -> v_run.model, p_prices -> 'fallback');
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
    "costUsd" = round((("inputTokens" + p_input) * (v_price ->> 'input')::numeric
      + ("outputTokens" + p_output) * (v_price ->> 'output')::numeric
      + ("cacheReadTokens" + p_cache_read) * (v_price ->> 'cacheRead')::numeric
      + ("cacheWriteTokens" + p_cache_write) * (v_price ->> 'cacheWrite')::numeric) / 1000000, 6),
    status = CASE WHEN v_persisted THEN p_status::"RunStatus" ELSE status END,
    error = CASE WHEN v_persisted THEN p_error ELSE error END,
    "finishedAt" = CASE WHEN NOT v_persisted THEN "finishedAt"
      WHEN p_status IN ('completed', 'failed', 'stopped') THEN v_now ELSE NULL END
    WHERE id = p_run
    RETURNING * INTO v_run;
  RETURN jsonb_build_object('run', pylot_run_json(v_run), 'persisted', v_persisted);
END
$$;

-- A new empty agent cell at the end of the notebook for one tool call (the cell streams its code
-- as the model writes it, so this is on the way to the first code delta). Bumps the notebook's
-- revision like every structural change, which also serializes concurrent inserts; the position
-- is counted after that lock, in a statement of its own, so it sees cells committed meanwhile.
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

-- Records a cell's result for a pending tool call: the caller read the run and the conversation,
-- built the new content (an update of the user turn after the last assistant turn, or a new user
-- turn) and says what it expects to find; if the run's status, the conversation's last turn or the
-- turn being updated changed meanwhile, nothing is written and the answer is 'stale' (read again).
-- With p_set_running (no other call still open) an approval-mode run goes back to running.
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
