/**
 * Next.js start-up hook (called once per server instance). Starts the in-process maintenance sweep
 * for single-instance installs, and hands the two event-stream route handlers and the message path's
 * hot routes to the production server, which serves them without Next's per-request pipeline
 * (lib/http/direct-routes.ts, SPEC B4, issue 19).
 * Node runtime only — it needs the database drivers and timers — and written as Next's docs show, so
 * the edge build drops the import.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startEmbeddedSweeper } = await import("./lib/maintenance/embedded-sweeper");
    startEmbeddedSweeper();
    // Webhook deliveries (WH2): every instance runs the worker loop; they share the work in SQL.
    const [{ startWebhookWorker }, { getDb }, { env }] = await Promise.all([import("./lib/webhooks/worker"), import("./db/client"), import("./lib/env")]);
    startWebhookWorker({ db: getDb, allowPrivate: env().WEBHOOK_ALLOW_PRIVATE });
    // Notifications and automation rules follow committed events (lib/workflow/process-events.ts).
    (await import("./lib/workflow/process-events")).startWorkflowProcessor();
    // E8: the per-instance cache of the caller's user and membership, invalidated by the event stream.
    (await import("./lib/realtime/process-hub")).enableLookupCache();
    const [{ registerDirectRoutes, registerDirectPattern }, operatorStream, widgetStream, clientMessages, list, meta, filter, appMessages] = await Promise.all([
      import("./lib/http/direct-routes"),
      import("./app/api/v1/stream/route"),
      import("./app/api/v1/widget/stream/route"),
      import("./app/public/api/v1/inboxes/[inboxIdentifier]/contacts/[contactIdentifier]/conversations/[conversationId]/messages/route"),
      import("./app/api/v1/accounts/[accountId]/conversations/route"),
      import("./app/api/v1/accounts/[accountId]/conversations/meta/route"),
      import("./app/api/v1/accounts/[accountId]/conversations/filter/route"),
      import("./app/api/v1/accounts/[accountId]/conversations/[conversationId]/messages/route"),
    ]);
    registerDirectRoutes({ "/api/v1/stream": operatorStream.GET, "/api/v1/widget/stream": widgetStream.GET });
    // The message path's hot routes (issue 19): a visitor's and an agent's message, the list (B3).
    const clientConversation = "/public/api/v1/inboxes/:inboxIdentifier/contacts/:contactIdentifier/conversations/:conversationId";
    registerDirectPattern(`${clientConversation}/messages`, { GET: clientMessages.GET, POST: clientMessages.POST });
    registerDirectPattern("/api/v1/accounts/:accountId/conversations", { GET: list.GET, POST: list.POST });
    registerDirectPattern("/api/v1/accounts/:accountId/conversations/meta", { GET: meta.GET });
    registerDirectPattern("/api/v1/accounts/:accountId/conversations/filter", { POST: filter.POST });
    registerDirectPattern("/api/v1/accounts/:accountId/conversations/:conversationId/messages", { GET: appMessages.GET, POST: appMessages.POST });
    // `next dev` serves with its own HTTP server: record each request's peer address there too.
    if (process.env.NODE_ENV === "development") (await import("./lib/http/peer-address-hook")).installPeerAddressHook();
  }
}
