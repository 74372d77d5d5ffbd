/**
 * Fills one account with N conversations and messagesPerConversation·N messages in a handful of
 * set-based statements (INSERT … SELECT generate_series), for the list benchmark (SPEC B3) and any
 * other bench that needs a large account. Everything goes through the schema's own constraints and
 * triggers: foreign keys and checks stay on, and conversations take their display_id from the
 * account's sequence (BEFORE INSERT trigger, db/migrations/0001), in created_at order.
 *
 * Distributions (fixed, not tuned to the queries):
 * - inboxes: the account's existing ones plus API inboxes up to `inboxes` in all;
 * - agents: `agents` new users (role agent, 70 % online), each a member of two inboxes;
 * - contacts: 0.8·N (so some contacts have several conversations), 70 % with an email;
 * - conversations: open 40 %, pending 10 %, resolved 45 %, snoozed 5 %; 25 % unassigned, the rest on
 *   an agent of their inbox; 20 % with a priority; last activity over the past 90 days (`historyDays`), skewed to
 *   recent; 60 % read by the agents, the rest with unread incoming messages;
 * - messages: incoming and outgoing alternating (the contact first), activity messages on resolved
 *   conversations, spread between the conversation's creation and its last activity.
 *
 * With `realistic` (bench:search): half the contacts write English and half Russian; contacts get
 * real-looking names, e-mails (70 %) and E.164 phones (60 %), and messages 6–16 words drawn from
 * bench/support/realistic-text.ts in the contact's language (skewed, so some words are common and
 * some rare), a quarter of them with an order number.
 */
import type { ClientBase } from "pg";
import { ENGLISH_FIRST, ENGLISH_LAST, ENGLISH_WORDS, RUSSIAN_FIRST, RUSSIAN_FIRST_LATIN, RUSSIAN_LAST, RUSSIAN_LAST_LATIN, RUSSIAN_WORDS } from "./realistic-text";

export type GenerateOptions = {
  accountId: number;
  conversations: number;
  messagesPerConversation?: number;
  inboxes?: number;
  agents?: number;
  /** Tag used in generated names, so several runs in one database stay apart. */
  tag?: string;
  /** How far back conversations' last activity reaches (90 days; bench:reports spreads a year). */
  historyDays?: number;
  /** Contacts to create (default 0.8 · conversations). */
  contacts?: number;
  /** English and Russian names, e-mails, phones and message text (see above). */
  realistic?: boolean;
};

export type GenerateResult = { inboxes: number; agents: number; contacts: number; conversations: number; messages: number; ms: number };

export async function generateData(pg: ClientBase, opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const n = opts.conversations;
  const perConversation = opts.messagesPerConversation ?? 10;
  const wantInboxes = opts.inboxes ?? 4;
  const agentCount = opts.agents ?? 20;
  const tag = opts.tag ?? "bench";
  const historyDays = opts.historyDays ?? 90;
  const account = opts.accountId;
  const contactCount = opts.contacts ?? Math.max(1, Math.ceil(n * 0.8));
  const realistic = opts.realistic ?? false;

  await pg.query("begin");
  try {
    const { rows: existing } = await pg.query<{ id: number }>("select id from inboxes where account_id = $1 order by id", [account]);
    const missing = Math.max(0, wantInboxes - existing.length);
    if (missing > 0) {
      await pg.query(
        `insert into inboxes (account_id, name, channel_type, enable_auto_assignment)
         select $1::int, $2::text || ' inbox ' || g, 'api', false from generate_series(1, $3::int) g`,
        [account, tag, missing],
      );
    }
    const { rows: inboxRows } = await pg.query<{ id: number }>("select id from inboxes where account_id = $1 order by id", [account]);
    const inboxIds = inboxRows.map((r) => r.id);

    // Agents, each a member of two inboxes (g and g+1 round the list).
    await pg.query(
      `with u as (
         insert into users (name, email, password_hash, access_token, pubsub_token)
         select $2::text || ' Agent ' || g, $2::text || '-agent-' || g || '-' || $1::int || '@bench.example', 'not-a-login',
                md5(random()::text || g) || md5($2::text || g), md5(random()::text || g) || md5('p' || $2::text || g)
           from generate_series(1, $3::int) g
         returning id
       ), au as (
         insert into account_users (account_id, user_id, role, availability)
         select $1::int, id, 'agent', case when random() < 0.7 then 'online' else 'offline' end::availability from u
         returning user_id
       )
       insert into inbox_members (account_id, inbox_id, user_id)
       select $1::int, ($4::int[])[1 + ((k + s) % cardinality($4::int[]))], user_id
         from (select user_id, row_number() over (order by user_id) as k from au) a, (values (0), (1)) v(s)
        where s = 0 or cardinality($4::int[]) > 1`,
      [account, tag, agentCount, inboxIds],
    );

    // Contacts, each with one contact_inbox in inbox (g mod K).
    // Realistic contacts: Russian and English alternate in blocks of four (so every inbox, chosen by
    // the contact id mod 4, gets both); first name (g / 2) mod 20, last name (g / 40) mod 20.
    const names = realistic
      ? {
          name: `case when (g / 4) % 2 = 1 then ($5::text[])[1 + (g / 2) % 20] || ' ' || ($6::text[])[1 + (g / 40) % 20]
                      else ($7::text[])[1 + (g / 2) % 20] || ' ' || ($8::text[])[1 + (g / 40) % 20] end`,
          email: `case when g % 10 < 7 then lower(case when (g / 4) % 2 = 1 then ($9::text[])[1 + (g / 2) % 20] || '.' || ($10::text[])[1 + (g / 40) % 20]
                                                   else ($7::text[])[1 + (g / 2) % 20] || '.' || ($8::text[])[1 + (g / 40) % 20] end) || '.' || g || '@' || $2::text || '.example' end`,
          phone: `case when g % 10 >= 4 then case when (g / 4) % 2 = 1 then '+7916' else '+1415' end || lpad(g::text, 7, '0') end`,
        }
      : { name: `initcap($2::text) || ' Visitor ' || g`, email: `case when g % 10 < 7 then $2::text || '-visitor-' || g || '@bench.example' end`, phone: "null" };
    await pg.query(
      `with c as (
         insert into contacts (account_id, name, email, phone_number, contact_type, last_activity_at, created_at, updated_at)
         select $1::int, ${names.name}, ${names.email}, ${names.phone},
                case when g % 10 < 7 then 'lead' else 'visitor' end::contact_type,
                now() - random() * interval '90 days', now() - interval '100 days', now()
           from generate_series(1, $3::int) g
         returning id
       )
       insert into contact_inboxes (account_id, contact_id, inbox_id, source_id, pubsub_token)
       select $1::int, id, ($4::int[])[1 + (id % cardinality($4::int[]))], $2::text || '-' || gen_random_uuid(), md5(random()::text || id) || md5(id::text || $2::text)
         from c`,
      [account, tag, contactCount, inboxIds, ...(realistic ? [RUSSIAN_FIRST, RUSSIAN_LAST, ENGLISH_FIRST, ENGLISH_LAST, RUSSIAN_FIRST_LATIN, RUSSIAN_LAST_LATIN] : [])],
    );

    // Conversations: conversation g belongs to the g-th generated contact_inbox (mod the contact count).
    await pg.query(
      `create temp table bench_ci on commit drop as
         select ci.id, ci.contact_id, ci.inbox_id, row_number() over (order by ci.id) - 1 as rn
           from contact_inboxes ci where ci.account_id = $1::int and ci.source_id like $2::text || '-%'`,
      [account, tag],
    );
    await pg.query(
      `with members as (
         select inbox_id, array_agg(user_id order by user_id) as ids from inbox_members where account_id = $1::int group by inbox_id
       ), base as (
         select g, random() as r_status, random() as r_assign, random() as r_pick, random() as r_prio,
                random() as r_age, random() as r_span, random() as r_read, random() as r_seen
           from generate_series(0, $2::int - 1) g
       ), rows as (
         select b.*, ci.id as ci_id, ci.contact_id, ci.inbox_id, m.ids,
                now() - (b.r_age ^ 2) * make_interval(days => $4::int) as last_activity,
                case when b.r_status < 0.40 then 'open' when b.r_status < 0.50 then 'pending'
                     when b.r_status < 0.95 then 'resolved' else 'snoozed' end::conversation_status as status
           from base b
           join bench_ci ci on ci.rn = b.g % $3::int
           left join members m on m.inbox_id = ci.inbox_id
       )
       insert into conversations (account_id, inbox_id, contact_id, contact_inbox_id, status, priority, assignee_id,
                                  assignee_assigned_at, waiting_since, first_reply_created_at, last_activity_at,
                                  agent_last_seen_at, snoozed_until, created_at, updated_at)
       select $1::int, inbox_id, contact_id, ci_id, status,
              case when r_prio < 0.2 then (array['low','medium','high','urgent'])[1 + floor(r_prio * 20)::int]::priority end,
              assignee,
              case when assignee is not null then created end,
              case when status in ('open', 'pending') and r_read >= 0.6 then created end,
              created + (last_activity - created) * 0.2,
              last_activity,
              case when r_read < 0.6 or status = 'resolved' then last_activity else created + (last_activity - created) * r_seen end,
              case when status = 'snoozed' then now() + interval '1 day' end,
              created, last_activity
         from (select r.*, r.last_activity - r_span * interval '3 days' as created,
                      case when r_assign >= 0.25 and ids is not null then ids[1 + floor(r_pick * cardinality(ids))::int] end as assignee
                 from rows r) x
        order by created`,
      [account, n, contactCount, historyDays],
    );

    // Messages: perConversation per new conversation, the contact first, then turns; resolved ones end with an activity message.
    // Realistic text: 6–16 words of the contact's language (that of their name), word i drawn with weight skewed to the
    // start of the list (random()²); the subquery refers to the row, so it runs once per message.
    const content = realistic
      ? `(select string_agg(l.a[1 + floor(cardinality(l.a) * random() ^ 2)::int], ' ')
            from (select case when ct.name ~ '^[А-ЯЁ]' then $4::text[] else $5::text[] end as a) l, generate_series(1, 6 + (c.id * 7 + k) % 11) w where w > 0 * k)
          || case when (c.id + k) % 4 = 0 then ' #' || (1000 + (c.id * 7 + k) % 9000) else '' end`
      : `'Message ' || k || ' of #' || c.display_id || ': ' || (array['Hello, I have a question about my order.','Thanks, that helps!','Could you check the delivery date?','We have updated your account.','Is there anything else I can do?','Sure — one moment please.'])[1 + (c.id + k) % 6]`;
    const { rows: messageCount } = await pg.query<{ n: number }>(
      `with inserted as (
         insert into messages (account_id, inbox_id, conversation_id, content, message_type, status, private, sender_type, sender_id, created_at, updated_at)
         select c.account_id, c.inbox_id, c.id,
                case when k = $2::int and c.status = 'resolved' then 'Conversation was marked resolved'
                     else ${content} end,
                case when k = $2::int and c.status = 'resolved' then 'activity'
                     when k % 2 = 1 then 'incoming' else 'outgoing' end::message_type,
                'sent', false,
                case when k = $2::int and c.status = 'resolved' then null
                     when k % 2 = 1 then 'contact' else 'user' end::sender_type,
                case when k = $2::int and c.status = 'resolved' then null
                     when k % 2 = 1 then c.contact_id else coalesce(c.assignee_id, $3::int) end,
                c.created_at + (c.last_activity_at - c.created_at) * (k::float / $2::int),
                c.created_at + (c.last_activity_at - c.created_at) * (k::float / $2::int)
           from conversations c
           join bench_ci ci on ci.id = c.contact_inbox_id
           join contacts ct on ct.id = c.contact_id
           cross join generate_series(1, $2::int) k
          where c.account_id = $1::int
          -- Stored in time order, as live messages are (a BRIN index on created_at relies on it).
          order by 10
         returning 1
       )
       select count(*)::int as n from inserted`,
      [account, perConversation, await anyAgent(pg, account), ...(realistic ? [RUSSIAN_WORDS, ENGLISH_WORDS] : [])],
    );
    await pg.query("commit");
    const ms = performance.now() - started;
    return { inboxes: inboxIds.length, agents: agentCount, contacts: contactCount, conversations: n, messages: messageCount[0]!.n, ms: Math.round(ms) };
  } catch (err) {
    await pg.query("rollback");
    throw err;
  }
}

async function anyAgent(pg: ClientBase, account: number): Promise<number> {
  const { rows } = await pg.query<{ user_id: number }>("select user_id from account_users where account_id = $1 order by id limit 1", [account]);
  return rows[0]!.user_id;
}

/** Statistics for the planner after a bulk load (autovacuum would get there on its own, later). */
export async function analyze(pg: ClientBase): Promise<void> {
  await pg.query("analyze inboxes, users, account_users, inbox_members, contacts, contact_inboxes, conversations, messages");
}
