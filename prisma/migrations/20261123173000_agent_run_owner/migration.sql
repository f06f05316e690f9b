-- The per-owner run rate was counted through the owner's notebooks: one index probe per notebook
-- the owner has, on every run start (a run start took ≈ 1 ms longer for an owner with 400
-- notebooks than with 20). A run now carries its notebook's owner (notebooks never change owner),
-- indexed with its start time, and the count stops at the limit.
ALTER TABLE "AgentRun" ADD COLUMN "ownerId" UUID;
UPDATE "AgentRun" r SET "ownerId" = n."ownerId" FROM "Notebook" n WHERE n.id = r."notebookId";
ALTER TABLE "AgentRun" ALTER COLUMN "ownerId" SET NOT NULL;
CREATE INDEX "AgentRun_ownerId_createdAt_idx" ON "AgentRun"("ownerId", "createdAt");

-- As in 20261123141500_agent_step_functions, with the owner written and counted by it.
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
    || jsonb_build_object('model', p_model, 'mode', p_mode);
  IF v_new_settings IS DISTINCT FROM v_settings THEN
    UPDATE "Notebook" SET settings = v_new_settings, "updatedAt" = v_now WHERE id = p_notebook;
  END IF;
  -- An interrupted run can only be resumed while it is the latest; a new request ends it.
  UPDATE "AgentRun" SET status = 'stopped', "finishedAt" = v_now, error = 'Not resumed: a new request was sent.'
    WHERE "notebookId" = p_notebook AND status = 'interrupted';
  INSERT INTO "AgentRun" (id, "notebookId", "ownerId", prompt, status, model, mode, "maxSteps", "createdAt")
    VALUES (gen_random_uuid(), p_notebook, p_owner, p_prompt, 'running', p_model, p_mode, p_max_steps, v_now)
    RETURNING * INTO v_run;
  INSERT INTO "Message" (id, "notebookId", "runId", role, content, position, "createdAt")
    VALUES (gen_random_uuid(), p_notebook, v_run.id, 'user', p_content, coalesce(v_last_pos, -1) + 1, v_now)
    RETURNING * INTO v_msg;
  RETURN jsonb_build_object('run', pylot_run_json(v_run), 'message', pylot_message_json(v_msg));
END
$$;
