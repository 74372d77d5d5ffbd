-- The relay step (E5, lib/realtime/relay.ts) in one round trip. A VOLATILE function takes a fresh
-- snapshot for each statement, so the UPDATE sees everything the previous relay committed before it
-- released the advisory lock. Positions are numbered by row_number over id rather than
-- `SET seq = nextval(…)`, whose per-row call order follows the join plan, not an ORDER BY.
CREATE FUNCTION parley_relay_events(batch integer) RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE n integer;
BEGIN
  PERFORM pg_advisory_xact_lock(5782993884054880257); -- 0x5041524c45590001 ("PARLEY" + 1): one relay at a time, every instance
  WITH pending AS (
    SELECT id FROM events WHERE seq IS NULL ORDER BY id LIMIT batch FOR UPDATE
  ), numbered AS (
    SELECT id, row_number() OVER (ORDER BY id) AS rn FROM pending
  ), base AS (
    -- Reserve count(*) values in one step; HAVING keeps an empty batch from consuming one.
    SELECT setval('events_seq', nextval('events_seq') + count(*) - 1) - count(*) AS b
    FROM numbered HAVING count(*) > 0
  ), positioned AS (
    UPDATE events e SET seq = base.b + numbered.rn
    FROM numbered, base WHERE e.id = numbered.id
    RETURNING 1
  )
  SELECT count(*) INTO n FROM positioned;
  RETURN n;
END;
$$;
