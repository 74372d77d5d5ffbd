CREATE TABLE "report_event_rollups" (
	"account_id" integer NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	"inbox_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"n" integer NOT NULL,
	"sum_value" double precision NOT NULL,
	"sum_business_hours" double precision NOT NULL,
	CONSTRAINT "report_event_rollups_pkey" PRIMARY KEY("account_id","day","name","inbox_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "report_rollup_state" ADD COLUMN "events_rolled_through" timestamp with time zone DEFAULT 'epoch' NOT NULL;--> statement-breakpoint
-- An event written or deleted for a UTC day the fold has already passed (the backfill writing
-- history, a conversation deleted with its events) changes that day's rollup row here, so the
-- rollup never disagrees with reporting_events. Events of the current day never take this path:
-- the fold stays five minutes behind midnight (lib/reports/event-rollup.ts). The shared advisory
-- lock orders this against a running fold, which holds the same key exclusively: either the fold
-- sees this event committed, or this trigger sees the fold's new watermark.
CREATE FUNCTION parley_event_rollup_late() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r reporting_events%ROWTYPE;
  v_sign integer;
  v_through timestamptz;
BEGIN
  IF TG_OP = 'INSERT' THEN r := NEW; v_sign := 1; ELSE r := OLD; v_sign := -1; END IF;
  IF r.name NOT IN ('first_response', 'conversation_resolved', 'reply_time') THEN RETURN NULL; END IF;
  IF r.event_end_time >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock_shared(hashtext('parley:report_event_rollup'));
  SELECT events_rolled_through INTO v_through FROM report_rollup_state WHERE id = 1;
  IF v_through IS NULL OR r.event_end_time >= v_through THEN RETURN NULL; END IF;
  INSERT INTO report_event_rollups AS x (account_id, day, name, inbox_id, user_id, n, sum_value, sum_business_hours)
  VALUES (r.account_id, (r.event_end_time AT TIME ZONE 'UTC')::date, r.name, coalesce(r.inbox_id, 0), coalesce(r.user_id, 0), v_sign, v_sign * r.value, v_sign * r.value_in_business_hours)
  ON CONFLICT (account_id, day, name, inbox_id, user_id) DO UPDATE
     SET n = x.n + excluded.n, sum_value = x.sum_value + excluded.sum_value, sum_business_hours = x.sum_business_hours + excluded.sum_business_hours;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reporting_events_rollup_late AFTER INSERT OR DELETE ON reporting_events
  FOR EACH ROW EXECUTE FUNCTION parley_event_rollup_late();
