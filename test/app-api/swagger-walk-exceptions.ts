/**
 * Where Chatwoot's swagger (v4.9.1) is plainly wrong about what Chatwoot answers, the swagger walk
 * validates Parley's answer against the shape Chatwoot's own views (app/views/api/v1/**.jbuilder)
 * produce instead. Each entry says why; `$ref`s name the document's components.
 */
const ref = (name: string) => ({ $ref: `chatwoot#/components/schemas/${name}` });
const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: "object", required, properties });
const arrayOf = (items: unknown) => ({ type: "array", items });

/** `status`: the 2xx Chatwoot answers when the swagger documents another; `schema`: the answer's shape when the swagger's is wrong. */
export const SWAGGER_EXCEPTIONS: Record<string, { status?: number; schema?: object; reason: string }> = {
  "DELETE /api/v1/accounts/{account_id}/custom_attribute_definitions/{id}": {
    status: 204,
    reason: "Chatwoot's CustomAttributeDefinitionsController#destroy answers `head :no_content` (204); the swagger says 200.",
  },
  "POST /api/v1/accounts/{account_id}/contacts": {
    schema: object({ payload: object({ contact: ref("contact_list_item"), contact_inbox: object({ source_id: {}, inbox: {} }) }) }),
    reason: "The swagger answers `extended_contact`; Chatwoot's contacts/create.json.jbuilder answers {payload: {contact, contact_inbox: {inbox, source_id}}}.",
  },
  "PUT /api/v1/accounts/{account_id}/contacts/{id}": {
    status: 200,
    schema: object({ payload: ref("contact_list_item") }),
    reason: "The swagger documents a 204 with `contact_base`; Chatwoot's contacts/update.json.jbuilder answers 200 {payload: contact}.",
  },
  "POST /api/v1/accounts/{account_id}/inboxes/{id}/set_agent_bot": {
    status: 200,
    reason: "Chatwoot's InboxesController#set_agent_bot answers `head :ok` (200); the swagger says 204.",
  },
  "GET /api/v1/accounts/{account_id}/inboxes/{id}/agent_bot": {
    status: 200,
    schema: object({ agent_bot: { anyOf: [ref("agent_bot"), { type: "null" }] } }),
    reason: "A 204 cannot carry the agent bot the swagger gives it; Chatwoot renders inboxes/agent_bot.json.jbuilder with 200: {agent_bot: the bot or null}.",
  },
  "GET /api/v1/accounts/{account_id}/webhooks": {
    schema: object({ payload: object({ webhooks: arrayOf(ref("webhook")) }) }),
    reason: "The swagger answers a bare array; Chatwoot's webhooks/index.json.jbuilder answers {payload: {webhooks: [...]}}.",
  },
  "POST /api/v1/accounts/{account_id}/webhooks": {
    schema: object({ payload: object({ webhook: ref("webhook") }) }),
    reason: "The swagger answers a bare webhook; Chatwoot's webhooks/create.json.jbuilder answers {payload: {webhook}}.",
  },
  "PATCH /api/v1/accounts/{account_id}/webhooks/{webhook_id}": {
    schema: object({ payload: object({ webhook: ref("webhook") }) }),
    reason: "The swagger answers a bare webhook; Chatwoot's webhooks/update.json.jbuilder answers {payload: {webhook}}.",
  },
};

/** Single differences inside an otherwise valid answer (by JSON pointer of the value), each with its reason. */
const DEFINITIONS = "/api/v1/accounts/{account_id}/custom_attribute_definitions";
const PUBLIC_CONVERSATION = "/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations";
const PUBLIC_MESSAGES = `${PUBLIC_CONVERSATION}/{conversation_id}/messages`;
const all = (ops: string[], rest: { path: RegExp; keyword?: string; reason: string }) => ops.map((op) => ({ op, ...rest }));

/**
 * Single values inside an otherwise valid answer where the swagger's type is wrong: the value is left
 * out of the check (by JSON pointer, the rest of the answer is still validated), each with its reason.
 */
export const IGNORED_DIFFERENCES: { op: string; path: RegExp; keyword?: string; reason: string }[] = [
  ...all([`POST ${DEFINITIONS}`, `GET ${DEFINITIONS}`, `GET ${DEFINITIONS}/{id}`, `PATCH ${DEFINITIONS}/{id}`], {
    path: /\/attribute_values$/,
    keyword: "type",
    reason: "attribute_values is a list (a jsonb array) in Chatwoot's definition JSON; the swagger says string.",
  }),
  ...all(["GET /api/v1/accounts/{account_id}/contacts", "GET /api/v1/accounts/{account_id}/contacts/search", "POST /api/v1/accounts/{account_id}/contacts/filter"], {
    path: /^\/meta\/current_page$/,
    keyword: "type",
    reason: "Chatwoot echoes params[:page]: a string when the query names a page, the integer 1 when it does not (chatwoot-api.md, Contacts).",
  }),
  {
    op: "*",
    path: /(\/messages\/\d+|\/last_non_activity_message)\/updated_at$/,
    keyword: "type",
    reason: "A message's push data keeps updated_at as the model's ISO-8601 time (only created_at is .to_i); the swagger says integer.",
  },
  {
    op: "*",
    path: /^(\/data)?(\/payload\/\d+)?\/timestamp$/,
    keyword: "type",
    reason: "Chatwoot's conversation partial writes timestamp as last_activity_at.to_i, an integer; the swagger says string.",
  },
  {
    op: "*",
    path: /\/selected_feature_flags$/,
    keyword: "type",
    reason: "Chatwoot's inbox partial writes the widget's feature flags as a list of names (chatwoot-api.md: selected_feature_flags:str[]); the swagger says object.",
  },
  {
    op: "GET /api/v2/accounts/{account_id}/reports",
    path: /^\/\d+\/value$/,
    keyword: "type",
    reason: "A count series (conversations_count here) has integer values in Chatwoot's CountReportBuilder; the swagger's string is how averages serialised before Rails 7.",
  },
  {
    op: "GET /api/v2/accounts/{account_id}/reports/summary",
    path: /\/avg_(first_response|resolution)_time$/,
    keyword: "type",
    reason: "Rails 7 averages a float column as a Float, so Chatwoot answers numbers; the swagger's string is the older BigDecimal serialisation.",
  },
  ...all([`POST ${PUBLIC_CONVERSATION}`, `GET ${PUBLIC_CONVERSATION}`, `GET ${PUBLIC_CONVERSATION}/{conversation_id}`, `POST ${PUBLIC_CONVERSATION}/{conversation_id}/toggle_status`], {
    path: /^(\/\d+)?\/inbox_id$/,
    keyword: "type",
    reason: "Chatwoot's public conversation partial writes inbox_id as the integer id; the swagger says string.",
  }),
  ...all([`POST ${PUBLIC_MESSAGES}`, `GET ${PUBLIC_MESSAGES}`, `PATCH ${PUBLIC_MESSAGES}/{message_id}`], {
    path: /^(\/\d+)?\/(id|message_type|created_at|conversation_id|content_attributes)$/,
    keyword: "type",
    reason:
      "Chatwoot's public message partial writes id, message_type, created_at (epoch seconds) and conversation_id as integers and content_attributes as an object (chatwoot-api.md: message_type is an int in every REST answer); the swagger says strings.",
  }),
  {
    op: "*",
    path: /\/sender_type$/,
    keyword: "enum",
    reason: "The swagger's message enum says contact|agent|agent_bot; Chatwoot writes the sender's class name (Contact, User, AgentBot) — chatwoot-api.md's Message.",
  },
];
