import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as streamGET } from "@/app/api/v1/stream/route";
import { installDatabase } from "@/db/client";
import { conversations } from "@/db/schema";
import { createHub, type Hub } from "@/lib/realtime/hub";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import { connectStream, type StreamMessage } from "@/lib/realtime/stream-client";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import { startWorkflowProcessor, stopWorkflowProcessor } from "@/lib/workflow/process-events";
import { clientApi } from "@/test/support/client-api";
import { buildClientWorld } from "@/test/support/client-world";
import { closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/http";
import { inProcessFetch, waitFor } from "@/test/support/realtime";

/**
 * NT2 "live": the workflow processor writes `notification.created` after the hub has read the message
 * that caused it, so it must wake the hub itself. Here the hub never polls (an hour), so only a kick can
 * deliver anything: the visitor's request kicks for its own message, and the notification arrives only
 * if the processor kicks for what it wrote.
 */
describe("a notification reaches its agent without waiting for the poll (NT2)", () => {
  let t: TestDatabase;
  let hub: Hub;
  let workflowIdle: () => Promise<void>;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    installDatabase(t);
    const store = createMemoryStore();
    installCoordinationStore(store);
    hub = createHub({ db: t.db, store, pollMs: 3_600_000, log: { warn: () => undefined, error: () => undefined } });
    installRealtimeHub(hub);
    workflowIdle = startWorkflowProcessor();
  });
  afterAll(async () => {
    installRealtimeHub(undefined);
    await hub.close();
    await workflowIdle();
    stopWorkflowProcessor();
    await closeTestDatabase(t);
  });

  it("a visitor's message on an assigned conversation notifies the assignee live", async () => {
    const w = await buildClientWorld(t.db);
    const contact = await clientApi("POST", `${w.base}/contacts`, { body: { name: "Live visitor" } });
    const sourceId = (contact.body as { source_id: string }).source_id;
    const created = await clientApi("POST", `${w.base}/contacts/${sourceId}/conversations`, { body: {} });
    const displayId = (created.body as { id: number }).id;
    await t.db.update(conversations).set({ assigneeId: w.admin.id }).where(eq(conversations.displayId, displayId));

    const got: StreamMessage[] = [];
    const stream = connectStream({
      url: "http://parley.test/api/v1/stream",
      headers: { api_access_token: w.admin.accessToken },
      fetch: inProcessFetch((req) => callRoute(streamGET, req)),
      onMessage: (m) => got.push(m),
    });
    try {
      await waitFor("the stream to be ready", () => got.some((m) => m.event === "ready"));
      const res = await clientApi("POST", `${w.base}/contacts/${sourceId}/conversations/${displayId}/messages`, { body: { content: "anyone there?" } });
      expect(res.status).toBe(200);
      await waitFor("the message on the stream", () => got.some((m) => m.event === "message.created" && m.data.includes("anyone there?")));
      await waitFor("the assignee's notification on the stream", () => got.some((m) => m.event === "notification.created" && m.data.includes("assigned_conversation_new_message")), 10_000);
    } finally {
      stream.close();
    }
  }, 30_000);
});
