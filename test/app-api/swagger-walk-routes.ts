import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations } from "@/db/schema";
import { createMessage } from "@/lib/messages/create-message";
import type { ApiWorld } from "./support";

/**
 * The swagger walk's steps: one per Chatwoot operation Parley serves, in the order they run (things
 * are created, read, changed, then deleted). Each names the swagger operation exactly as the document
 * spells it and says what to send; `keep` stores what later steps need from the answer.
 */
export type WalkWorld = ApiWorld & { db: Db; websiteToken: string; conversationDisplayId: number; label: string };
export type WalkContext = { w: WalkWorld; ids: Record<string, string | number> };
export type WalkRequest = { url: string; body?: unknown; /** Defaults to the administrator's token; null calls without one (the Client API). */ token?: string | null };
export type Walk = { op: string; request(c: WalkContext): WalkRequest | Promise<WalkRequest>; keep?(body: Body, c: WalkContext): void };
type Body = Record<string, unknown> & { payload?: unknown };

const A = (c: WalkContext) => `/api/v1/accounts/${c.w.account.id}`;
const R = (c: WalkContext) => `/api/v2/accounts/${c.w.account.id}/reports`;
const C = (c: WalkContext) => `/public/api/v1/inboxes/${c.w.websiteToken}/contacts/${c.ids.sourceId}`;
const CC = (c: WalkContext) => `${C(c)}/conversations/${c.ids.clientConversation}`;
const DAY = 86_400;
const range = () => {
  const until = Math.floor(Date.now() / 1000) + DAY;
  return `since=${until - 7 * DAY}&until=${until}`;
};
const step = (op: string, request: Walk["request"], keep?: Walk["keep"]): Walk => ({ op, request, keep });
const idOf = (b: unknown) => (b as { id: number }).id;

export const WALK: Walk[] = [
  step("GET /api/v1/profile", () => ({ url: "/api/v1/profile" })),
  step("GET /api/v1/accounts/{id}", (c) => ({ url: A(c) })),

  step("GET /api/v1/accounts/{account_id}/agents", (c) => ({ url: `${A(c)}/agents` })),
  step(
    "POST /api/v1/accounts/{account_id}/agents",
    (c) => ({ url: `${A(c)}/agents`, body: { name: "Walk Agent", email: "walk-agent@example.test", role: "agent" } }),
    (b, c) => void (c.ids.agent = idOf(b)),
  ),
  step("PATCH /api/v1/accounts/{account_id}/agents/{id}", (c) => ({ url: `${A(c)}/agents/${c.ids.agent}`, body: { name: "Walk Agent Renamed" } })),

  step(
    "POST /api/v1/accounts/{account_id}/canned_responses",
    (c) => ({ url: `${A(c)}/canned_responses`, body: { short_code: "walk", content: "Walking the swagger" } }),
    (b, c) => void (c.ids.canned = idOf(b)),
  ),
  step("GET /api/v1/accounts/{account_id}/canned_responses", (c) => ({ url: `${A(c)}/canned_responses` })),
  step("PATCH /api/v1/accounts/{account_id}/canned_responses/{id}", (c) => ({ url: `${A(c)}/canned_responses/${c.ids.canned}`, body: { content: "Still walking" } })),

  step(
    "POST /api/v1/accounts/{account_id}/custom_attribute_definitions",
    (c) => ({
      url: `${A(c)}/custom_attribute_definitions`,
      body: { attribute_display_name: "Walk tier", attribute_key: "walk_tier", attribute_display_type: "list", attribute_values: ["gold", "silver"], attribute_model: "conversation_attribute" },
    }),
    (b, c) => void (c.ids.definition = idOf(b)),
  ),
  step("GET /api/v1/accounts/{account_id}/custom_attribute_definitions", (c) => ({ url: `${A(c)}/custom_attribute_definitions?attribute_model=conversation_attribute` })),
  step("GET /api/v1/accounts/{account_id}/custom_attribute_definitions/{id}", (c) => ({ url: `${A(c)}/custom_attribute_definitions/${c.ids.definition}` })),
  step("PATCH /api/v1/accounts/{account_id}/custom_attribute_definitions/{id}", (c) => ({
    url: `${A(c)}/custom_attribute_definitions/${c.ids.definition}`,
    body: { attribute_description: "Walked" },
  })),

  step(
    "POST /api/v1/accounts/{account_id}/contacts",
    (c) => ({ url: `${A(c)}/contacts`, body: { name: "Walk Contact", email: "walk-contact@example.test", phone_number: "+14155550199", inbox_id: c.w.inbox.id } }),
    (b, c) => void (c.ids.contact = idOf((b.payload as { contact: unknown }).contact)),
  ),
  step("GET /api/v1/accounts/{account_id}/contacts", (c) => ({ url: `${A(c)}/contacts` })),
  step("GET /api/v1/accounts/{account_id}/contacts/{id}", (c) => ({ url: `${A(c)}/contacts/${c.w.contact.id}` })),
  step("PUT /api/v1/accounts/{account_id}/contacts/{id}", (c) => ({ url: `${A(c)}/contacts/${c.ids.contact}`, body: { additional_attributes: { city: "Lisbon" } } })),
  step("GET /api/v1/accounts/{account_id}/contacts/{id}/conversations", (c) => ({ url: `${A(c)}/contacts/${c.w.contact.id}/conversations` })),
  step("POST /api/v1/accounts/{account_id}/contacts/{id}/labels", (c) => ({ url: `${A(c)}/contacts/${c.w.contact.id}/labels`, body: { labels: [c.w.label] } })),
  step("GET /api/v1/accounts/{account_id}/contacts/{id}/labels", (c) => ({ url: `${A(c)}/contacts/${c.w.contact.id}/labels` })),
  step("GET /api/v1/accounts/{account_id}/contacts/search", (c) => ({ url: `${A(c)}/contacts/search?q=walk` })),
  step("POST /api/v1/accounts/{account_id}/contacts/filter", (c) => ({
    url: `${A(c)}/contacts/filter`,
    body: { payload: [{ attribute_key: "name", filter_operator: "contains", values: ["Walk"], query_operator: null }] },
  })),
  step("POST /api/v1/accounts/{account_id}/contacts/{id}/contact_inboxes", (c) => ({
    url: `${A(c)}/contacts/${c.ids.contact}/contact_inboxes`,
    body: { inbox_id: c.w.otherInbox.id, source_id: "walk-source" },
  })),
  step("GET /api/v1/accounts/{account_id}/contacts/{id}/contactable_inboxes", (c) => ({ url: `${A(c)}/contacts/${c.ids.contact}/contactable_inboxes` })),

  step(
    "POST /api/v1/accounts/{account_id}/automation_rules",
    (c) => ({
      url: `${A(c)}/automation_rules`,
      body: {
        name: "Walk rule",
        description: "labels refunds",
        event_name: "message_created",
        conditions: [{ attribute_key: "content", filter_operator: "contains", values: ["refund"], query_operator: null }],
        actions: [{ action_name: "add_label", action_params: [c.w.label] }],
      },
    }),
    (b, c) => void (c.ids.rule = idOf(b.payload)),
  ),
  step("GET /api/v1/accounts/{account_id}/automation_rules", (c) => ({ url: `${A(c)}/automation_rules` })),
  step("GET /api/v1/accounts/{account_id}/automation_rules/{id}", (c) => ({ url: `${A(c)}/automation_rules/${c.ids.rule}` })),
  step("PATCH /api/v1/accounts/{account_id}/automation_rules/{id}", (c) => ({ url: `${A(c)}/automation_rules/${c.ids.rule}`, body: { active: false } })),

  step("GET /api/v1/accounts/{account_id}/conversations/meta", (c) => ({ url: `${A(c)}/conversations/meta?status=all` })),
  step("GET /api/v1/accounts/{account_id}/conversations", (c) => ({ url: `${A(c)}/conversations?status=all` })),
  step(
    "POST /api/v1/accounts/{account_id}/conversations",
    (c) => ({ url: `${A(c)}/conversations`, body: { inbox_id: c.w.inbox.id, contact_id: c.w.contact.id, message: { content: "Started by the walk" } } }),
    (b, c) => void (c.ids.conversation = idOf(b)),
  ),
  step("POST /api/v1/accounts/{account_id}/conversations/filter", (c) => ({
    url: `${A(c)}/conversations/filter`,
    body: { payload: [{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: null }] },
  })),
  step("GET /api/v1/accounts/{account_id}/conversations/{conversation_id}", (c) => ({ url: `${A(c)}/conversations/${c.w.conversationDisplayId}` })),
  step("PATCH /api/v1/accounts/{account_id}/conversations/{conversation_id}", (c) => ({ url: `${A(c)}/conversations/${c.ids.conversation}`, body: { priority: "high" } })),
  step("POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status", (c) => ({ url: `${A(c)}/conversations/${c.ids.conversation}/toggle_status`, body: { status: "pending" } })),
  step("POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_priority", (c) => ({
    url: `${A(c)}/conversations/${c.ids.conversation}/toggle_priority`,
    body: { priority: "low" },
  })),
  step("POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/custom_attributes", (c) => ({
    url: `${A(c)}/conversations/${c.ids.conversation}/custom_attributes`,
    body: { custom_attributes: { walk_tier: "gold" } },
  })),
  step("POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/assignments", (c) => ({
    url: `${A(c)}/conversations/${c.ids.conversation}/assignments`,
    body: { assignee_id: c.w.agent.id },
  })),
  step("POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/labels", (c) => ({ url: `${A(c)}/conversations/${c.ids.conversation}/labels`, body: { labels: [c.w.label] } })),
  step("GET /api/v1/accounts/{account_id}/conversations/{conversation_id}/labels", (c) => ({ url: `${A(c)}/conversations/${c.ids.conversation}/labels` })),

  step(
    "POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages",
    (c) => ({ url: `${A(c)}/conversations/${c.w.conversationDisplayId}/messages`, body: { content: "A reply from the walk" } }),
    (b, c) => void (c.ids.message = idOf(b)),
  ),
  step("GET /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages", (c) => ({ url: `${A(c)}/conversations/${c.w.conversationDisplayId}/messages` })),
  step("DELETE /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages/{message_id}", (c) => ({ url: `${A(c)}/conversations/${c.w.conversationDisplayId}/messages/${c.ids.message}` })),

  step(
    "POST /api/v1/accounts/{account_id}/inboxes/",
    (c) => ({ url: `${A(c)}/inboxes/`, body: { name: "Walk inbox", channel: { type: "web_widget", website_url: "https://walk.example", widget_color: "#336699" } } }),
    (b, c) => void (c.ids.inbox = idOf(b)),
  ),
  step("GET /api/v1/accounts/{account_id}/inboxes", (c) => ({ url: `${A(c)}/inboxes` })),
  step("GET /api/v1/accounts/{account_id}/inboxes/{id}/", (c) => ({ url: `${A(c)}/inboxes/${c.ids.inbox}/` })),
  step("PATCH /api/v1/accounts/{account_id}/inboxes/{id}", (c) => ({ url: `${A(c)}/inboxes/${c.ids.inbox}`, body: { name: "Walk inbox renamed" } })),
  step("POST /api/v1/accounts/{account_id}/inbox_members", (c) => ({ url: `${A(c)}/inbox_members`, body: { inbox_id: c.ids.inbox, user_ids: [c.w.agent.id] } })),
  step("PATCH /api/v1/accounts/{account_id}/inbox_members", (c) => ({ url: `${A(c)}/inbox_members`, body: { inbox_id: c.ids.inbox, user_ids: [c.w.agent.id, c.w.colleague.id] } })),
  step("GET /api/v1/accounts/{account_id}/inbox_members/{inbox_id}", (c) => ({ url: `${A(c)}/inbox_members/${c.ids.inbox}` })),
  step("DELETE /api/v1/accounts/{account_id}/inbox_members", (c) => ({ url: `${A(c)}/inbox_members`, body: { inbox_id: c.ids.inbox, user_ids: [c.w.colleague.id] } })),

  step(
    "POST /api/v1/accounts/{account_id}/teams",
    (c) => ({ url: `${A(c)}/teams`, body: { name: "walkers", description: "Swagger walkers" } }),
    (b, c) => void (c.ids.team = idOf(b)),
  ),
  step("GET /api/v1/accounts/{account_id}/teams", (c) => ({ url: `${A(c)}/teams` })),
  step("GET /api/v1/accounts/{account_id}/teams/{team_id}", (c) => ({ url: `${A(c)}/teams/${c.ids.team}` })),
  step("PATCH /api/v1/accounts/{account_id}/teams/{team_id}", (c) => ({ url: `${A(c)}/teams/${c.ids.team}`, body: { description: "Still walking" } })),
  step("POST /api/v1/accounts/{account_id}/teams/{team_id}/team_members", (c) => ({ url: `${A(c)}/teams/${c.ids.team}/team_members`, body: { user_ids: [c.w.agent.id] } })),
  step("PATCH /api/v1/accounts/{account_id}/teams/{team_id}/team_members", (c) => ({ url: `${A(c)}/teams/${c.ids.team}/team_members`, body: { user_ids: [c.w.agent.id, c.w.colleague.id] } })),
  step("GET /api/v1/accounts/{account_id}/teams/{team_id}/team_members", (c) => ({ url: `${A(c)}/teams/${c.ids.team}/team_members` })),
  step("DELETE /api/v1/accounts/{account_id}/teams/{team_id}/team_members", (c) => ({ url: `${A(c)}/teams/${c.ids.team}/team_members`, body: { user_ids: [c.w.colleague.id] } })),

  step(
    "POST /api/v1/accounts/{account_id}/custom_filters",
    (c) => ({
      url: `${A(c)}/custom_filters`,
      body: { name: "Open walks", type: "conversation", query: { payload: [{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: null }] } },
    }),
    (b, c) => void (c.ids.filter = idOf(b)),
  ),
  step("GET /api/v1/accounts/{account_id}/custom_filters", (c) => ({ url: `${A(c)}/custom_filters?filter_type=conversation` })),
  step("GET /api/v1/accounts/{account_id}/custom_filters/{custom_filter_id}", (c) => ({ url: `${A(c)}/custom_filters/${c.ids.filter}` })),
  step("PATCH /api/v1/accounts/{account_id}/custom_filters/{custom_filter_id}", (c) => ({ url: `${A(c)}/custom_filters/${c.ids.filter}`, body: { name: "Open walks, renamed" } })),

  step(
    "POST /api/v1/accounts/{account_id}/webhooks",
    (c) => ({ url: `${A(c)}/webhooks`, body: { webhook: { url: "https://hooks.example/walk", name: "Walk", subscriptions: ["message_created"] } } }),
    (b, c) => void (c.ids.webhook = idOf((b.payload as { webhook: unknown }).webhook)),
  ),
  step("GET /api/v1/accounts/{account_id}/webhooks", (c) => ({ url: `${A(c)}/webhooks` })),
  step("PATCH /api/v1/accounts/{account_id}/webhooks/{webhook_id}", (c) => ({
    url: `${A(c)}/webhooks/${c.ids.webhook}`,
    body: { webhook: { subscriptions: ["message_created", "conversation_created"] } },
  })),

  // Agent bots (issue 18): walked once Parley serves them; until then the coverage check skips them.
  step(
    "POST /api/v1/accounts/{account_id}/agent_bots",
    (c) => ({ url: `${A(c)}/agent_bots`, body: { name: "Walk bot", description: "Answers the walk", outgoing_url: "https://bots.example/walk" } }),
    (b, c) => void (c.ids.bot = idOf(b)),
  ),
  step("GET /api/v1/accounts/{account_id}/agent_bots", (c) => ({ url: `${A(c)}/agent_bots` })),
  step("GET /api/v1/accounts/{account_id}/agent_bots/{id}", (c) => ({ url: `${A(c)}/agent_bots/${c.ids.bot}` })),
  step("PATCH /api/v1/accounts/{account_id}/agent_bots/{id}", (c) => ({ url: `${A(c)}/agent_bots/${c.ids.bot}`, body: { description: "Still answering" } })),
  step("POST /api/v1/accounts/{account_id}/inboxes/{id}/set_agent_bot", (c) => ({ url: `${A(c)}/inboxes/${c.ids.inbox}/set_agent_bot`, body: { agent_bot: c.ids.bot } })),
  step("GET /api/v1/accounts/{account_id}/inboxes/{id}/agent_bot", (c) => ({ url: `${A(c)}/inboxes/${c.ids.inbox}/agent_bot` })),

  step("GET /api/v2/accounts/{account_id}/reports", (c) => ({ url: `${R(c)}?metric=conversations_count&type=account&${range()}` })),
  step("GET /api/v2/accounts/{account_id}/reports/summary", (c) => ({ url: `${R(c)}/summary?type=account&${range()}` })),
  step("GET /api/v2/accounts/{account_id}/reports/conversations", (c) => ({ url: `${R(c)}/conversations?type=account` })),
  step("GET /api/v2/accounts/{account_id}/reports/conversations/", (c) => ({ url: `${R(c)}/conversations/?type=agent` })),

  // The Client API, as a custom front end uses it: a contact, a conversation, messages.
  step(
    "POST /public/api/v1/inboxes/{inbox_identifier}/contacts",
    (c) => ({ url: `/public/api/v1/inboxes/${c.w.websiteToken}/contacts`, body: { name: "Walk Visitor", email: "walk-visitor@example.test" }, token: null }),
    (b, c) => void (c.ids.sourceId = String(b.source_id)),
  ),
  step("GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}", (c) => ({ url: C(c), token: null })),
  step("PATCH /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}", (c) => ({ url: C(c), body: { name: "Walk Visitor Renamed" }, token: null })),
  step(
    "POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations",
    (c) => ({ url: `${C(c)}/conversations`, body: {}, token: null }),
    (b, c) => void (c.ids.clientConversation = idOf(b)),
  ),
  step("GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations", (c) => ({ url: `${C(c)}/conversations`, token: null })),
  step("GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}", (c) => ({ url: CC(c), token: null })),
  step("POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages", (c) => ({
    url: `${CC(c)}/messages`,
    body: { content: "Hello from the walk" },
    token: null,
  })),
  step("GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages", (c) => ({ url: `${CC(c)}/messages`, token: null })),
  step("PATCH /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages/{message_id}", async (c) => {
    // An agent's question to answer: the conversation's internal id comes from the Application API.
    const [row] = await c.w.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.accountId, c.w.account.id), eq(conversations.displayId, Number(c.ids.clientConversation))));
    const { message } = await createMessage(c.w.db, {
      conversationId: row!.id,
      sender: { type: "user", id: c.w.admin.id },
      input: { content: "Pick one", message_type: "outgoing", content_type: "input_select", content_attributes: { items: [{ title: "Yes", value: "yes" }] } },
    });
    return { url: `${CC(c)}/messages/${message.id}`, body: { submitted_values: [{ title: "Yes", value: "yes" }] }, token: null };
  }),
  step("POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/toggle_typing", (c) => ({
    url: `${CC(c)}/toggle_typing`,
    body: { typing_status: "on" },
    token: null,
  })),
  step("POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/update_last_seen", (c) => ({ url: `${CC(c)}/update_last_seen`, token: null })),
  step("POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/toggle_status", (c) => ({ url: `${CC(c)}/toggle_status`, token: null })),

  // Deletes last: what the steps above created goes.
  step("DELETE /api/v1/accounts/{account_id}/agent_bots/{id}", (c) => ({ url: `${A(c)}/agent_bots/${c.ids.bot}` })),
  step("DELETE /api/v1/accounts/{account_id}/webhooks/{webhook_id}", (c) => ({ url: `${A(c)}/webhooks/${c.ids.webhook}` })),
  step("DELETE /api/v1/accounts/{account_id}/custom_filters/{custom_filter_id}", (c) => ({ url: `${A(c)}/custom_filters/${c.ids.filter}` })),
  step("DELETE /api/v1/accounts/{account_id}/teams/{team_id}", (c) => ({ url: `${A(c)}/teams/${c.ids.team}` })),
  step("DELETE /api/v1/accounts/{account_id}/automation_rules/{id}", (c) => ({ url: `${A(c)}/automation_rules/${c.ids.rule}` })),
  step("DELETE /api/v1/accounts/{account_id}/custom_attribute_definitions/{id}", (c) => ({ url: `${A(c)}/custom_attribute_definitions/${c.ids.definition}` })),
  step("DELETE /api/v1/accounts/{account_id}/canned_responses/{id}", (c) => ({ url: `${A(c)}/canned_responses/${c.ids.canned}` })),
  step("DELETE /api/v1/accounts/{account_id}/contacts/{id}", (c) => ({ url: `${A(c)}/contacts/${c.ids.contact}` })),
  step("DELETE /api/v1/accounts/{account_id}/agents/{id}", (c) => ({ url: `${A(c)}/agents/${c.ids.agent}` })),
];
