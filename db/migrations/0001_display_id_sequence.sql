-- Per-account conversation numbers (SPEC §4): each account owns a sequence, created when the account
-- is inserted; a BEFORE INSERT trigger on conversations draws the next value. Sequences are
-- non-transactional, so concurrent inserts never wait on each other and never share a number.
CREATE FUNCTION parley_create_conversation_sequence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', 'conv_dpid_seq_' || NEW.id);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_after_insert_create_sequence
AFTER INSERT ON accounts
FOR EACH ROW EXECUTE FUNCTION parley_create_conversation_sequence();
--> statement-breakpoint
CREATE FUNCTION parley_assign_display_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.display_id IS NULL OR NEW.display_id = 0 THEN
    NEW.display_id := nextval(format('%I', 'conv_dpid_seq_' || NEW.account_id)::regclass);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_before_insert_display_id
BEFORE INSERT ON conversations
FOR EACH ROW EXECUTE FUNCTION parley_assign_display_id();
--> statement-breakpoint
-- Accounts that existed before this migration get their sequence too, continuing after their highest number.
DO $$
DECLARE a record;
BEGIN
  FOR a IN SELECT id FROM accounts LOOP
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', 'conv_dpid_seq_' || a.id);
    PERFORM setval(format('%I', 'conv_dpid_seq_' || a.id)::regclass,
      GREATEST((SELECT max(display_id) FROM conversations WHERE account_id = a.id), 0) + 1, false);
  END LOOP;
END;
$$;
