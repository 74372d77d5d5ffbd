-- E8 (issue 19): every instance keeps a small cache of who a credential is (users) and of that user's
-- membership of an account (account_users, accounts), invalidated by the event stream
-- (lib/realtime/lookup-cache.ts). These triggers write the invalidation into the outbox in the same
-- transaction as the change, whatever code (or script) made it: a rotated token, a changed password,
-- a deleted user or a removed membership reaches every instance as one event. The events are
-- `internal.*`: private, never delivered to a stream, a replay or a webhook.
-- events.account_id is required: a user's event names one account the user belongs to (the hub reads
-- every account's events, so which one does not matter); a user with no membership has nothing cached.
CREATE FUNCTION parley_user_changed_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO events (account_id, type, private, payload)
  SELECT au.account_id, 'internal.user_changed', true, jsonb_build_object('user_id', OLD.id, 'account_id', au.account_id)
  FROM account_users au JOIN accounts a ON a.id = au.account_id
  WHERE au.user_id = OLD.id
  ORDER BY au.account_id
  LIMIT 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_changed_event AFTER UPDATE ON users
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION parley_user_changed_event();
--> statement-breakpoint
CREATE TRIGGER users_deleted_event AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION parley_user_changed_event();
--> statement-breakpoint
-- A membership's role or existence (availability is presence's, not authorisation's). Inserting one
-- needs no event: a refusal is never cached. An account being deleted takes its events with it.
CREATE FUNCTION parley_membership_changed_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO events (account_id, type, private, payload)
  SELECT a.id, 'internal.membership_changed', true, jsonb_build_object('user_id', OLD.user_id, 'account_id', a.id)
  FROM accounts a
  WHERE a.id = OLD.account_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER account_users_changed_event AFTER UPDATE ON account_users
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.account_id IS DISTINCT FROM NEW.account_id)
  EXECUTE FUNCTION parley_membership_changed_event();
--> statement-breakpoint
CREATE TRIGGER account_users_deleted_event AFTER DELETE ON account_users
  FOR EACH ROW EXECUTE FUNCTION parley_membership_changed_event();
--> statement-breakpoint
CREATE FUNCTION parley_account_changed_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO events (account_id, type, private, payload)
  VALUES (NEW.id, 'internal.account_changed', true, jsonb_build_object('account_id', NEW.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER accounts_changed_event AFTER UPDATE ON accounts
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION parley_account_changed_event();
