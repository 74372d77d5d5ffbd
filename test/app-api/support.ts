import { installDatabase } from "@/db/client";
import type { Hub } from "@/lib/realtime/hub";
import { installRealtimeHub } from "@/lib/realtime/process-hub";
import { installCoordinationStore } from "@/lib/redis";
import { createMemoryStore } from "@/lib/redis/memory-store";
import type { RouteHandler } from "@/lib/http/with-auth";
import { closeTestDatabase, createTestDatabase, type Backend, type TestDatabase } from "@/test/support/db";
import { addMember, buildAccount, buildContact, buildContactInbox, buildInbox, buildUser, buildWorld } from "@/test/support/engine-fixtures";
import { apiRequest, callRoute } from "@/test/support/http";

/**
 * The Application API suites call route handlers in-process, as Next would, against a test database
 * installed as the process's database. Delivery is not under test here (the realtime suites cover
 * it), so the hub is a stand-in that accepts the edge's wake-up call.
 */
export async function openApiDatabase(backend: Backend, opts: { poolMax?: number } = {}): Promise<TestDatabase> {
  const t = await createTestDatabase(backend, opts);
  installDatabase(t);
  installCoordinationStore(createMemoryStore());
  installRealtimeHub({ kick: async () => undefined } as unknown as Hub);
  return t;
}

export async function closeApiDatabase(t: TestDatabase): Promise<void> {
  installRealtimeHub(undefined);
  await closeTestDatabase(t);
}

export type ApiResponse = { status: number; headers: Headers; text: string; body: unknown };

export type Call = {
  method?: string;
  path?: string;
  params: Record<string, string>;
  token?: string;
  /** JSON-encoded unless a string, which is sent as is (malformed JSON tests). */
  body?: unknown;
};

/** One request through a route handler; the body is parsed when there is one. */
export async function call(handler: RouteHandler | undefined, c: Call): Promise<ApiResponse> {
  if (!handler) throw new Error("route does not export this method");
  const req = await apiRequest(c.path ?? "/api/v1/accounts/x", { method: c.method ?? "GET", token: c.token, body: c.body });
  const res = await callRoute(handler, req, c.params);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/**
 * An account with auto-assignment off (so assignment is only what a test does): an administrator,
 * an agent and a colleague who are members of the inbox, an agent of a second inbox, a contact in the inbox, and a
 * stranger account with its own administrator and contact.
 */
export async function buildApiWorld(db: TestDatabase["db"]) {
  const w = await buildWorld(db, { enableAutoAssignment: false });
  const colleague = await buildUser(db, { accountId: w.account.id, role: "agent", name: "Cleo Colleague" });
  await addMember(db, { accountId: w.account.id, inboxId: w.inbox.id, userId: colleague.id });
  const otherInbox = await buildInbox(db, { accountId: w.account.id, name: "Other", enableAutoAssignment: false });
  const outsider = await buildUser(db, { accountId: w.account.id, role: "agent", name: "Olga Outsider" });
  await addMember(db, { accountId: w.account.id, inboxId: otherInbox.id, userId: outsider.id });
  const otherContact = await buildContact(db, { accountId: w.account.id, name: "Other Person" });
  const otherContactInbox = await buildContactInbox(db, { accountId: w.account.id, contactId: otherContact.id, inboxId: otherInbox.id });
  const stranger = await buildAccount(db, "Globex");
  const strangerAdmin = await buildUser(db, { accountId: stranger.id, role: "administrator" });
  const strangerInbox = await buildInbox(db, { accountId: stranger.id, enableAutoAssignment: false });
  const strangerContact = await buildContact(db, { accountId: stranger.id, name: "Stranger", email: "s@globex.test" });
  const strangerContactInbox = await buildContactInbox(db, { accountId: stranger.id, contactId: strangerContact.id, inboxId: strangerInbox.id });
  return { ...w, colleague, otherInbox, outsider, otherContact, otherContactInbox, stranger, strangerAdmin, strangerInbox, strangerContact, strangerContactInbox };
}
export type ApiWorld = Awaited<ReturnType<typeof buildApiWorld>>;
