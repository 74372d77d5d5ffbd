/**
 * Next.js start-up hook (called once per server instance). Starts the in-process maintenance sweep
 * for single-instance installs, and hands the two event-stream route handlers to the production
 * server, which serves them without Next's per-request pipeline (lib/http/direct-routes.ts, SPEC B4).
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
    const [{ registerDirectRoutes }, operatorStream, widgetStream] = await Promise.all([
      import("./lib/http/direct-routes"),
      import("./app/api/v1/stream/route"),
      import("./app/api/v1/widget/stream/route"),
    ]);
    registerDirectRoutes({ "/api/v1/stream": operatorStream.GET, "/api/v1/widget/stream": widgetStream.GET });
    // `next dev` serves with its own HTTP server: record each request's peer address there too.
    if (process.env.NODE_ENV === "development") (await import("./lib/http/peer-address-hook")).installPeerAddressHook();
  }
}
