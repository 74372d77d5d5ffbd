-- B7 (issue 19): a contact's message into an open conversation that is already waiting for a reply
-- — the steady state of a visitor's chat — in ONE round trip (lib/messages/contact-message-fast-path.ts).
-- A VOLATILE plpgsql function takes a fresh snapshot for each statement, so everything read after
-- the row lock sees what the previous holder of that lock committed: M2's count and M6's echo_id
-- check are exact, as in createMessage's transaction. The function is its statement's transaction:
-- the message, the conversation's activity (M4), the contact's activity and the `message.created`
-- outbox row (E2) commit together or not at all.
-- Anything that needs the engine's other rules answers 'slow' WITHOUT writing, and the caller runs
-- createMessage's transaction instead: a conversation that is not open (C4) or not yet waiting (M3
-- sets waiting_since and emits conversation.updated), or an automatic message that may be due
-- (AM1 greeting, AM2 out of office, AM3 email collect).
CREATE FUNCTION parley_post_contact_message(
  p_conversation integer, p_account integer, p_contact integer, p_content text, p_echo text,
  p_now timestamptz, p_window_ms integer, p_flood_limit integer, p_payload jsonb
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  c conversations%ROWTYPE;
  m messages%ROWTYPE;
  i inboxes%ROWTYPE;
  v_blocked boolean;
  v_email text;
  v_blocking timestamptz;
  v_unread integer;
  v_source text;
  v_payload jsonb;
BEGIN
  SELECT * INTO c FROM conversations WHERE id = p_conversation AND (p_account IS NULL OR account_id = p_account) FOR UPDATE;
  IF NOT FOUND OR c.contact_id <> p_contact THEN
    RETURN jsonb_build_object('outcome', 'not_found');
  END IF;
  -- M6: the same echo_id again answers the stored message.
  IF p_echo IS NOT NULL THEN
    SELECT * INTO m FROM messages WHERE conversation_id = c.id AND echo_id = p_echo;
    IF FOUND THEN
      RETURN jsonb_build_object('outcome', 'replay', 'message', to_jsonb(m));
    END IF;
  END IF;
  -- M2: the limit-th newest message in the window; while it exists the window is full.
  SELECT created_at INTO v_blocking FROM messages
   WHERE conversation_id = c.id AND created_at > p_now - make_interval(secs => p_window_ms / 1000.0)
   ORDER BY created_at DESC OFFSET p_flood_limit - 1 LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('outcome', 'flooded', 'blocking_ms', floor(extract(epoch FROM v_blocking) * 1000));
  END IF;
  IF c.status <> 'open' OR c.waiting_since IS NULL THEN
    RETURN jsonb_build_object('outcome', 'slow');
  END IF;
  SELECT blocked, email INTO v_blocked, v_email FROM contacts WHERE id = c.contact_id;
  SELECT * INTO i FROM inboxes WHERE id = c.inbox_id;
  IF i.channel_type = 'web_widget' AND NOT coalesce(v_blocked, false) AND (
       (i.working_hours_enabled AND trim(coalesce(i.out_of_office_message, '')) <> '')
    OR (i.greeting_enabled AND trim(coalesce(i.greeting_message, '')) <> ''
        AND NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = c.id AND message_type IN ('outgoing', 'template')))
    OR (i.enable_email_collect AND v_email IS NULL
        AND NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = c.id AND content_type = 'input_email'))
  ) THEN
    RETURN jsonb_build_object('outcome', 'slow');
  END IF;

  INSERT INTO messages (account_id, inbox_id, conversation_id, content, message_type, content_type, status, private, sender_type, sender_id, echo_id, created_at, updated_at)
  VALUES (c.account_id, c.inbox_id, c.id, p_content, 'incoming', 'text', 'sent', false, 'contact', p_contact, p_echo, p_now, p_now)
  RETURNING * INTO m;
  UPDATE conversations SET last_activity_at = p_now, updated_at = p_now WHERE id = c.id;
  UPDATE contacts SET last_activity_at = p_now, updated_at = p_now WHERE id = c.contact_id;
  SELECT count(*)::int INTO v_unread FROM messages
   WHERE conversation_id = c.id AND message_type = 'incoming' AND created_at > coalesce(c.agent_last_seen_at, '-infinity'::timestamptz);
  SELECT source_id INTO v_source FROM contact_inboxes WHERE id = c.contact_inbox_id;
  v_payload := p_payload || jsonb_build_object(
    'id', m.id,
    'account_id', c.account_id,
    'inbox_id', c.inbox_id,
    'conversation_id', c.display_id,
    'conversation', jsonb_build_object('assignee_id', c.assignee_id, 'unread_count', v_unread, 'last_activity_at', floor(extract(epoch FROM p_now))::bigint, 'contact_inbox', jsonb_build_object('source_id', v_source))
  );
  INSERT INTO events (account_id, type, inbox_id, conversation_id, contact_inbox_id, private, payload)
  VALUES (c.account_id, 'message.created', c.inbox_id, c.id, c.contact_inbox_id, false, v_payload);
  RETURN jsonb_build_object('outcome', 'created', 'message', to_jsonb(m), 'payload', v_payload, 'contact_inbox_id', c.contact_inbox_id, 'display_id', c.display_id);
END;
$$;
--> statement-breakpoint
-- B1 (issue 19): the hub's kick after a commit — relay (E5) and read what is new — in one round trip
-- instead of two. The read is a statement of its own inside the function (a fresh snapshot, taken
-- while this transaction still holds the relay's advisory lock), so it sees every position handed
-- out before and by this relay and none after: still a prefix, as lib/realtime/relay.ts requires.
CREATE FUNCTION parley_relay_and_read(batch integer, after_seq bigint)
RETURNS TABLE (relayed integer, seq bigint, id bigint, account_id integer, type text, inbox_id integer, conversation_id integer, contact_inbox_id integer, private boolean, payload jsonb)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE n integer;
BEGIN
  n := parley_relay_events(batch);
  RETURN QUERY
    SELECT n, e.seq, e.id, e.account_id, e.type, e.inbox_id, e.conversation_id, e.contact_inbox_id, e.private, e.payload
      FROM events e WHERE e.seq > after_seq ORDER BY e.seq LIMIT batch;
END;
$$;
