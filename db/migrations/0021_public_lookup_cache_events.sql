-- E8 / B7 (issue 19): the Client API's per-request look-up (web widget → inbox → contact_inbox →
-- contact) comes from the instance's lookup cache (lib/realtime/lookup-cache.ts), invalidated by the
-- event stream as 0018's users and memberships are. A change to an inbox, its web widget or a
-- contact_inbox writes an internal outbox event in the changing transaction, whatever code made it.
-- Not the contacts table: it changes with every message (last_activity_at), and the message write
-- below checks the cached contact against the row itself. A deleted contact_inbox needs no event: the
-- write finds it gone and the caller reloads; a deleted inbox (or widget) has its own event.
-- As in 0018, an event names an account that still exists (an account being deleted takes its
-- inboxes with it, and there is nothing left to invalidate).
CREATE FUNCTION parley_inbox_changed_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE v_inbox integer;
BEGIN
  IF TG_TABLE_NAME = 'inboxes' THEN v_inbox := OLD.id; ELSE v_inbox := OLD.inbox_id; END IF;
  INSERT INTO events (account_id, type, private, payload)
  SELECT a.id, 'internal.inbox_changed', true, jsonb_build_object('inbox_id', v_inbox, 'account_id', a.id)
  FROM accounts a
  WHERE a.id = OLD.account_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inboxes_changed_event AFTER UPDATE ON inboxes
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION parley_inbox_changed_event();
--> statement-breakpoint
CREATE TRIGGER inboxes_deleted_event AFTER DELETE ON inboxes
  FOR EACH ROW EXECUTE FUNCTION parley_inbox_changed_event();
--> statement-breakpoint
CREATE TRIGGER web_widgets_changed_event AFTER UPDATE ON web_widgets
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION parley_inbox_changed_event();
--> statement-breakpoint
CREATE TRIGGER web_widgets_deleted_event AFTER DELETE ON web_widgets
  FOR EACH ROW EXECUTE FUNCTION parley_inbox_changed_event();
--> statement-breakpoint
CREATE FUNCTION parley_contact_inbox_changed_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO events (account_id, type, private, payload)
  SELECT a.id, 'internal.contact_inbox_changed', true, jsonb_build_object('contact_inbox_id', OLD.id, 'account_id', a.id)
  FROM accounts a
  WHERE a.id = OLD.account_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- hmac_verified (W3's reach) and contact_id (a merge) are what a cached contact_inbox can get wrong.
CREATE TRIGGER contact_inboxes_changed_event AFTER UPDATE ON contact_inboxes
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION parley_contact_inbox_changed_event();
--> statement-breakpoint
-- B7: a Client API message by its path — the contact_inbox (from the look-up) and the conversation's
-- display id — in ONE round trip: the conversation look-up (W3's reach, as contactConversationScope)
-- is folded into 0012's write, which it then calls. The caller's contact (and the `sender` of the
-- event it drafted, p_payload) may come from the instance's cache, so both are checked against the
-- rows first: a contact_inbox gone or moved to another contact, or a contact whose push differs,
-- answers 'stale' with nothing written, and the caller reloads and tries again. The sender is built
-- as lib/presenters/contact-push.ts builds it (test/perf/message-cost.test.ts compares them).
-- Answers what 0012 answers, plus the conversation's id, display id and contact_inbox.
CREATE FUNCTION parley_post_client_message(
  p_contact_inbox integer, p_display integer, p_contact integer, p_content text, p_echo text,
  p_now timestamptz, p_window_ms integer, p_flood_limit integer, p_payload jsonb
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  ci contact_inboxes%ROWTYPE;
  ct contacts%ROWTYPE;
  v_conversation integer;
  v_conversation_ci integer;
  v_sender jsonb;
BEGIN
  SELECT * INTO ci FROM contact_inboxes WHERE id = p_contact_inbox;
  IF NOT FOUND OR ci.contact_id <> p_contact THEN
    RETURN jsonb_build_object('outcome', 'stale');
  END IF;
  SELECT * INTO ct FROM contacts WHERE id = ci.contact_id;
  v_sender := jsonb_build_object(
    'additional_attributes', ct.additional_attributes, 'custom_attributes', ct.custom_attributes,
    'email', ct.email, 'id', ct.id, 'identifier', ct.identifier, 'name', ct.name,
    'phone_number', ct.phone_number, 'thumbnail', '', 'blocked', ct.blocked, 'type', 'contact')
    || CASE WHEN coalesce(ct.unverified_identifier, '') <> ''
            THEN jsonb_build_object('unverified_identifier', ct.unverified_identifier) ELSE '{}'::jsonb END;
  IF v_sender IS DISTINCT FROM p_payload -> 'sender' THEN
    RETURN jsonb_build_object('outcome', 'stale');
  END IF;
  SELECT c.id, c.contact_inbox_id INTO v_conversation, v_conversation_ci
    FROM conversations c
   WHERE c.account_id = ci.account_id AND c.display_id = p_display AND c.contact_id = ci.contact_id
     AND (c.contact_inbox_id = ci.id
          OR (ci.hmac_verified AND c.contact_inbox_id IN (
                SELECT s.id FROM contact_inboxes s
                 WHERE s.account_id = ci.account_id AND s.contact_id = ci.contact_id AND s.hmac_verified)));
  IF NOT FOUND THEN
    RETURN jsonb_build_object('outcome', 'not_found');
  END IF;
  RETURN parley_post_contact_message(v_conversation, ci.account_id, p_contact, p_content, p_echo, p_now, p_window_ms, p_flood_limit, p_payload)
    || jsonb_build_object('conversation_id', v_conversation, 'display_id', p_display, 'contact_inbox_id', v_conversation_ci);
END;
$$;
