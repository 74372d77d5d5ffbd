/**
 * R5's classification of every route and method (SPEC §8, §10, §14): who may call it, and what every
 * other caller gets. The suite fails for a route that is not here (a new route must be classified) and
 * for an entry whose route is gone. Keys are `METHOD pattern`, as test/reliability/routes.ts names them.
 *
 * - conversation: an object behind an inbox — an agent of another inbox gets 404, like another account.
 * - inbox: an inbox's settings view — an agent who is not a member gets 403 (the inbox exists in
 *   their account; SPEC §10 settings are refused with 403), another account's administrator 404.
 * - admin: administrators only — an agent gets 403 (SPEC §10), another account's administrator 404.
 * - member: any member of the account (lists are filtered to what the caller may see) — another
 *   account's administrator 404.
 * - user: the caller's own profile or stream — anyone signed in, about themselves.
 * - widget / widget-object: the Widget API, acting on the X-Auth-Token's contact; an object id of
 *   another contact is 404, and no token is 404 (chatwoot's "Resource could not be found").
 * - widget-public: the widget's entry points, which need only the website_token.
 * - client / client-conversation: the Client API, acting on the contact of the source_id in the path;
 *   another contact's source_id reaches only that contact's own things.
 * - client-public: the inbox-level Client API (contacts are created here without credentials).
 * - cron: Bearer CRON_SECRET only.
 * - metrics: Bearer METRICS_TOKEN only.
 * - public: health.
 */
export type RouteClass =
  | "conversation"
  | "inbox"
  | "admin"
  | "member"
  | "user"
  | "widget"
  | "widget-object"
  | "widget-public"
  | "client"
  | "client-conversation"
  | "client-public"
  | "cron"
  | "metrics"
  | "public"
  | "not-in-process";

export const MATRIX: Record<string, RouteClass> = {
  "GET /api/auth/[...nextauth]": "not-in-process",
  "POST /api/auth/[...nextauth]": "not-in-process",
  "GET /api/health": "public",
  "GET /api/metrics": "metrics",
  "POST /api/internal/streams/drain": "cron",
  "GET /api/internal/sweep": "cron",
  "POST /api/internal/sweep": "cron",

  "PATCH /api/v1/accounts/[accountId]/agents/[agentId]": "admin",
  "PUT /api/v1/accounts/[accountId]/agents/[agentId]": "admin",
  "DELETE /api/v1/accounts/[accountId]/agents/[agentId]": "admin",
  "GET /api/v1/accounts/[accountId]/agents": "member",
  "POST /api/v1/accounts/[accountId]/agents": "admin",
  "GET /api/v1/accounts/[accountId]/attachments/[attachmentId]": "conversation",
  "PATCH /api/v1/accounts/[accountId]/canned_responses/[cannedResponseId]": "admin",
  "PUT /api/v1/accounts/[accountId]/canned_responses/[cannedResponseId]": "admin",
  "DELETE /api/v1/accounts/[accountId]/canned_responses/[cannedResponseId]": "admin",
  "GET /api/v1/accounts/[accountId]/canned_responses": "member",
  "POST /api/v1/accounts/[accountId]/canned_responses": "admin",
  "GET /api/v1/accounts/[accountId]/contacts/[contactId]/conversations": "member",
  "GET /api/v1/accounts/[accountId]/contacts/[contactId]": "member",
  "GET /api/v1/accounts/[accountId]/contacts/[contactId]/labels": "member",
  "GET /api/v1/accounts/[accountId]/contacts/[contactId]/contactable_inboxes": "member",
  "POST /api/v1/accounts/[accountId]/contacts/[contactId]/contact_inboxes": "member",
  "POST /api/v1/accounts/[accountId]/contacts/[contactId]/labels": "member",
  "GET /api/v1/accounts/[accountId]/contacts/[contactId]/notes": "member",
  "POST /api/v1/accounts/[accountId]/contacts/[contactId]/notes": "member",
  "GET /api/v1/accounts/[accountId]/contacts/[contactId]/notes/[noteId]": "member",
  "PATCH /api/v1/accounts/[accountId]/contacts/[contactId]/notes/[noteId]": "member",
  "PUT /api/v1/accounts/[accountId]/contacts/[contactId]/notes/[noteId]": "member",
  "DELETE /api/v1/accounts/[accountId]/contacts/[contactId]/notes/[noteId]": "member",
  "PUT /api/v1/accounts/[accountId]/contacts/[contactId]": "member",
  "PATCH /api/v1/accounts/[accountId]/contacts/[contactId]": "member",
  "DELETE /api/v1/accounts/[accountId]/contacts/[contactId]": "admin",
  "POST /api/v1/accounts/[accountId]/actions/contact_merge": "member",
  "GET /api/v1/accounts/[accountId]/contacts": "member",
  "POST /api/v1/accounts/[accountId]/contacts": "member",
  "GET /api/v1/accounts/[accountId]/contacts/search": "member",
  "POST /api/v1/accounts/[accountId]/contacts/filter": "member",
  "POST /api/v1/accounts/[accountId]/contacts/import": "admin",
  "POST /api/v1/accounts/[accountId]/contacts/export": "admin",
  "POST /api/v1/accounts/[accountId]/conversations/[conversationId]/assignments": "conversation",
  "GET /api/v1/accounts/[accountId]/conversations/[conversationId]/labels": "conversation",
  "POST /api/v1/accounts/[accountId]/conversations/[conversationId]/labels": "conversation",
  "DELETE /api/v1/accounts/[accountId]/conversations/[conversationId]/messages/[messageId]": "conversation",
  "GET /api/v1/accounts/[accountId]/conversations/[conversationId]/messages": "conversation",
  "POST /api/v1/accounts/[accountId]/conversations/[conversationId]/messages": "conversation",
  "GET /api/v1/accounts/[accountId]/conversations/[conversationId]": "conversation",
  "PATCH /api/v1/accounts/[accountId]/conversations/[conversationId]": "conversation",
  "POST /api/v1/accounts/[accountId]/conversations/[conversationId]/custom_attributes": "conversation",
  "GET /api/v1/accounts/[accountId]": "member",
  "POST /api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_priority": "conversation",
  "POST /api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_status": "conversation",
  "POST /api/v1/accounts/[accountId]/conversations/[conversationId]/toggle_typing_status": "conversation",
  "POST /api/v1/accounts/[accountId]/conversations/[conversationId]/unread": "conversation",
  "POST /api/v1/accounts/[accountId]/conversations/[conversationId]/update_last_seen": "conversation",
  "GET /api/v1/accounts/[accountId]/conversations/meta": "member",
  "GET /api/v1/accounts/[accountId]/custom_attribute_definitions": "member",
  "POST /api/v1/accounts/[accountId]/custom_attribute_definitions": "admin",
  "GET /api/v1/accounts/[accountId]/custom_attribute_definitions/[definitionId]": "member",
  "PATCH /api/v1/accounts/[accountId]/custom_attribute_definitions/[definitionId]": "admin",
  "PUT /api/v1/accounts/[accountId]/custom_attribute_definitions/[definitionId]": "admin",
  "DELETE /api/v1/accounts/[accountId]/custom_attribute_definitions/[definitionId]": "admin",
  "GET /api/v1/accounts/[accountId]/conversations": "member",
  "POST /api/v1/accounts/[accountId]/conversations": "member",
  "GET /api/v1/accounts/[accountId]/inbox_members/[inboxId]": "inbox",
  "POST /api/v1/accounts/[accountId]/inbox_members": "admin",
  "PATCH /api/v1/accounts/[accountId]/inbox_members": "admin",
  "DELETE /api/v1/accounts/[accountId]/inbox_members": "admin",
  "GET /api/v1/accounts/[accountId]/inboxes/[inboxId]": "inbox",
  "PATCH /api/v1/accounts/[accountId]/inboxes/[inboxId]": "admin",
  "PUT /api/v1/accounts/[accountId]/inboxes/[inboxId]": "admin",
  "DELETE /api/v1/accounts/[accountId]/inboxes/[inboxId]": "admin",
  "GET /api/v1/accounts/[accountId]/inboxes": "member",
  "POST /api/v1/accounts/[accountId]/inboxes": "admin",
  "GET /api/v1/accounts/[accountId]/labels/[labelId]": "admin",
  "PATCH /api/v1/accounts/[accountId]/labels/[labelId]": "admin",
  "PUT /api/v1/accounts/[accountId]/labels/[labelId]": "admin",
  "DELETE /api/v1/accounts/[accountId]/labels/[labelId]": "admin",
  "GET /api/v1/accounts/[accountId]/labels": "member",
  "GET /api/v1/accounts/[accountId]/search": "member",
  "GET /api/v1/accounts/[accountId]/search/contacts": "member",
  "GET /api/v1/accounts/[accountId]/search/conversations": "member",
  "GET /api/v1/accounts/[accountId]/search/messages": "member",
  "POST /api/v1/accounts/[accountId]/labels": "admin",
  // Team workflow (docs/workflow.md): teams are managed by administrators, listed to every member;
  // saved filters belong to their user; filter and bulk actions see what the caller may see.
  "GET /api/v1/accounts/[accountId]/teams": "member",
  "POST /api/v1/accounts/[accountId]/teams": "admin",
  "GET /api/v1/accounts/[accountId]/teams/[teamId]": "member",
  "PATCH /api/v1/accounts/[accountId]/teams/[teamId]": "admin",
  "PUT /api/v1/accounts/[accountId]/teams/[teamId]": "admin",
  "DELETE /api/v1/accounts/[accountId]/teams/[teamId]": "admin",
  "GET /api/v1/accounts/[accountId]/teams/[teamId]/team_members": "admin",
  "POST /api/v1/accounts/[accountId]/teams/[teamId]/team_members": "admin",
  "PATCH /api/v1/accounts/[accountId]/teams/[teamId]/team_members": "admin",
  "DELETE /api/v1/accounts/[accountId]/teams/[teamId]/team_members": "admin",
  "GET /api/v1/accounts/[accountId]/custom_filters": "member",
  "POST /api/v1/accounts/[accountId]/custom_filters": "member",
  "GET /api/v1/accounts/[accountId]/custom_filters/[customFilterId]": "member",
  "PATCH /api/v1/accounts/[accountId]/custom_filters/[customFilterId]": "member",
  "PUT /api/v1/accounts/[accountId]/custom_filters/[customFilterId]": "member",
  "DELETE /api/v1/accounts/[accountId]/custom_filters/[customFilterId]": "member",
  "POST /api/v1/accounts/[accountId]/conversations/filter": "member",
  "POST /api/v1/accounts/[accountId]/bulk_actions": "member",
  "GET /api/v1/accounts/[accountId]/inboxes/[inboxId]/assignable_agents": "inbox",
  // Webhooks (WH1, WH5): administrators only.
  "GET /api/v1/accounts/[accountId]/webhooks": "admin",
  "POST /api/v1/accounts/[accountId]/webhooks": "admin",
  "PATCH /api/v1/accounts/[accountId]/webhooks/[webhookId]": "admin",
  "PUT /api/v1/accounts/[accountId]/webhooks/[webhookId]": "admin",
  "DELETE /api/v1/accounts/[accountId]/webhooks/[webhookId]": "admin",
  "POST /api/v1/accounts/[accountId]/webhooks/[webhookId]/rotate_secret": "admin",
  "POST /api/v1/accounts/[accountId]/webhooks/[webhookId]/test": "admin",
  "GET /api/v1/accounts/[accountId]/webhooks/[webhookId]/deliveries": "admin",
  "POST /api/v1/accounts/[accountId]/webhooks/[webhookId]/deliveries/[deliveryId]/retry": "admin",
  // Agent bots (AB1, AB2) and the API inbox's signing secret (AP2): administrators only.
  "GET /api/v1/accounts/[accountId]/agent_bots": "admin",
  "POST /api/v1/accounts/[accountId]/agent_bots": "admin",
  "GET /api/v1/accounts/[accountId]/agent_bots/[agentBotId]": "admin",
  "PATCH /api/v1/accounts/[accountId]/agent_bots/[agentBotId]": "admin",
  "PUT /api/v1/accounts/[accountId]/agent_bots/[agentBotId]": "admin",
  "DELETE /api/v1/accounts/[accountId]/agent_bots/[agentBotId]": "admin",
  "POST /api/v1/accounts/[accountId]/agent_bots/[agentBotId]/reset_access_token": "admin",
  "GET /api/v1/accounts/[accountId]/inboxes/[inboxId]/agent_bot": "admin",
  "POST /api/v1/accounts/[accountId]/inboxes/[inboxId]/set_agent_bot": "admin",
  "POST /api/v1/accounts/[accountId]/inboxes/[inboxId]/rotate_secret": "admin",
  // Reports (v2, Chatwoot's ReportPolicy): administrators only.
  "GET /api/v2/accounts/[accountId]/reports": "admin",
  "GET /api/v2/accounts/[accountId]/reports/summary": "admin",
  "GET /api/v2/accounts/[accountId]/reports/conversations": "admin",
  "GET /api/v2/accounts/[accountId]/reports/agents": "admin",
  "GET /api/v2/accounts/[accountId]/reports/inboxes": "admin",
  "GET /api/v2/accounts/[accountId]/reports/labels": "admin",
  "GET /api/v2/accounts/[accountId]/reports/teams": "admin",
  "GET /api/v2/accounts/[accountId]/summary_reports/agent": "admin",
  "GET /api/v2/accounts/[accountId]/summary_reports/inbox": "admin",
  "GET /api/v2/accounts/[accountId]/summary_reports/label": "admin",
  "GET /api/v2/accounts/[accountId]/summary_reports/team": "admin",
  // CSAT: the account's answers for administrators; the survey itself behind the conversation's uuid.
  "GET /api/v1/accounts/[accountId]/csat_survey_responses": "admin",
  "GET /api/v1/accounts/[accountId]/csat_survey_responses/metrics": "admin",
  "GET /api/v1/accounts/[accountId]/csat_survey_responses/download": "admin",
  "GET /public/api/v1/csat_survey/[conversationUuid]": "public",
  "PATCH /public/api/v1/csat_survey/[conversationUuid]": "public",
  "PUT /public/api/v1/csat_survey/[conversationUuid]": "public",
  "POST /api/v1/profile/availability": "user",
  "GET /api/v1/profile": "user",
  "PUT /api/v1/profile": "user",
  "POST /api/v1/profile/reset_access_token": "user",
  "GET /api/v1/stream": "user",

  "POST /api/v1/widget/config": "widget-public",
  "GET /api/v1/widget/contact": "widget",
  "PATCH /api/v1/widget/contact": "widget",
  "PUT /api/v1/widget/contact": "widget",
  "PATCH /api/v1/widget/contact/set_user": "widget",
  "GET /api/v1/widget/conversations": "widget",
  "POST /api/v1/widget/conversations": "widget",
  "GET /api/v1/widget/conversations/toggle_status": "widget",
  "POST /api/v1/widget/conversations/toggle_status": "widget",
  "POST /api/v1/widget/conversations/toggle_typing": "widget",
  "POST /api/v1/widget/conversations/update_last_seen": "widget",
  "PATCH /api/v1/widget/messages/[messageId]": "widget-object",
  "PUT /api/v1/widget/messages/[messageId]": "widget-object",
  "GET /api/v1/widget/messages": "widget",
  "POST /api/v1/widget/messages": "widget",
  "GET /api/v1/widget/stream": "widget",
  "GET /widget": "widget-public",
  "GET /api/v1/widget/attachments/[attachmentId]": "widget-object",
  "POST /api/v1/widget/labels": "widget",
  "GET /api/v1/widget/inbox_members": "widget",
  "DELETE /api/v1/widget/labels/[label]": "widget",
  "POST /api/v1/widget/conversations/set_custom_attributes": "widget",
  "POST /api/v1/widget/conversations/destroy_custom_attributes": "widget",
  "POST /api/v1/widget/contact/destroy_custom_attributes": "widget",
  "POST /api/v1/widget/events": "widget",

  "PATCH /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/messages/[messageId]": "client-conversation",
  "PUT /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/messages/[messageId]": "client-conversation",
  "GET /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/messages": "client-conversation",
  "POST /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/messages": "client-conversation",
  "GET /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]": "client-conversation",
  "POST /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/toggle_status": "client-conversation",
  "POST /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/toggle_typing": "client-conversation",
  "POST /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/update_last_seen": "client-conversation",
  "GET /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/attachments/[attachmentId]": "client-conversation",
  "GET /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations": "client",
  "POST /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations": "client",
  "GET /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]": "client",
  "PATCH /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]": "client",
  "PUT /public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]": "client",
  "POST /public/api/v1/inboxes/[inboxIdentifier]/contacts": "client-public",

  // Notifications (NT1): the caller's own; someone else's notification is a 404 like a hidden conversation.
  "GET /api/v1/accounts/[accountId]/notifications": "member",
  "PATCH /api/v1/accounts/[accountId]/notifications/[notificationId]": "conversation",
  "DELETE /api/v1/accounts/[accountId]/notifications/[notificationId]": "conversation",
  "POST /api/v1/accounts/[accountId]/notifications/[notificationId]/unread": "conversation",
  "POST /api/v1/accounts/[accountId]/notifications/read_all": "member",
  "GET /api/v1/accounts/[accountId]/notifications/unread_count": "member",
  "GET /api/v1/accounts/[accountId]/notification_settings": "member",
  "PATCH /api/v1/accounts/[accountId]/notification_settings": "member",
  "PUT /api/v1/accounts/[accountId]/notification_settings": "member",
  // Macros (MA1): lists and creation for every member; the world's macro is the administrator's personal one.
  "GET /api/v1/accounts/[accountId]/macros": "member",
  "POST /api/v1/accounts/[accountId]/macros": "member",
  "GET /api/v1/accounts/[accountId]/macros/[macroId]": "conversation",
  "PATCH /api/v1/accounts/[accountId]/macros/[macroId]": "conversation",
  "PUT /api/v1/accounts/[accountId]/macros/[macroId]": "conversation",
  "DELETE /api/v1/accounts/[accountId]/macros/[macroId]": "conversation",
  "POST /api/v1/accounts/[accountId]/macros/[macroId]/execute": "conversation",
  // Automation rules (MA3): administrators only.
  "GET /api/v1/accounts/[accountId]/automation_rules": "admin",
  "POST /api/v1/accounts/[accountId]/automation_rules": "admin",
  "GET /api/v1/accounts/[accountId]/automation_rules/[ruleId]": "admin",
  "PATCH /api/v1/accounts/[accountId]/automation_rules/[ruleId]": "admin",
  "PUT /api/v1/accounts/[accountId]/automation_rules/[ruleId]": "admin",
  "DELETE /api/v1/accounts/[accountId]/automation_rules/[ruleId]": "admin",
  "GET /public/api/v1/inboxes/[inboxIdentifier]": "client-public",
};
