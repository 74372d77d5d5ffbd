import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webWidgets } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { peerHeaders } from "@/lib/http/client-ip";
import type { RouteHandler } from "@/lib/http/edge";
import { createMessage } from "@/lib/messages/create-message";
import { buildLabel } from "@/test/support/engine-fixtures";
import type { TestDatabase } from "@/test/support/db";
import { apiRequest, callRoute } from "@/test/support/http";
import type { ErrorObject } from "ajv";
import { apiRouteFiles, loadHandler, loadSwagger, paramsFor, shapeOf, swaggerOperations, swaggerValidator, type ResponseCheck } from "@/test/support/swagger";
import { buildApiWorld, closeApiDatabase, openApiDatabase } from "./support";
import { WALK, type WalkContext } from "./swagger-walk-routes";
import { IGNORED_DIFFERENCES, SWAGGER_EXCEPTIONS } from "./swagger-walk-exceptions";

/**
 * Issue 18 (and 15): every Application and Client API operation of Chatwoot's swagger that Parley
 * serves answers in the swagger's shapes. The served operations are found from the route files, so a
 * new route that Chatwoot documents fails here until it is walked; each is called in-process, in the
 * order of WALK, against one workspace with data, and every 2xx answer is validated against the
 * operation's response schema (ajv, $refs resolved in the document). Where the swagger is plainly
 * wrong about Chatwoot's wire shape, swagger-walk-exceptions.ts holds the replacement and the reason.
 */
const spec = loadSwagger();
const validator = swaggerValidator(spec);
const OPERATIONS = swaggerOperations(spec, ["Application", "Client"]);
const routes = apiRouteFiles();

type Served = { op: string; pattern: string; handler: RouteHandler };

async function servedOperations(): Promise<Map<string, Served>> {
  const out = new Map<string, Served>();
  for (const op of OPERATIONS) {
    const [method, path] = op.split(" ") as [string, string];
    const route = routes.find((r) => shapeOf(r.pattern) === shapeOf(path));
    const handler = route && (await loadHandler(route.file, method));
    if (route && handler) out.set(op, { op, pattern: route.pattern, handler });
  }
  return out;
}

/**
 * The answer's errors, after leaving out the values IGNORED_DIFFERENCES explains (each is removed from
 * a copy of the answer and the rest checked again, so a documented difference hides nothing else).
 */
function checkAnswer(op: string, check: ResponseCheck, body: unknown): ErrorObject[] {
  const data = structuredClone(body);
  for (let round = 0; round < 20; round++) {
    const errors = check(data);
    const explained = errors.filter((e) => IGNORED_DIFFERENCES.some((d) => (d.op === op || d.op === "*") && d.path.test(e.instancePath) && (!d.keyword || d.keyword === e.keyword)));
    if (explained.length === 0) return errors;
    for (const e of explained) removeAt(data, e.instancePath);
  }
  return check(data);
}

function removeAt(data: unknown, pointer: string): void {
  const keys = pointer
    .split("/")
    .slice(1)
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = keys.pop();
  let node = data as Record<string, unknown> | undefined;
  for (const k of keys) node = node?.[k] as Record<string, unknown> | undefined;
  if (node && last !== undefined) delete node[last];
}

describe("the swagger walk (Chatwoot v4.9.1's Application and Client APIs)", () => {
  let t: TestDatabase;
  let ctx: WalkContext;
  let served: Map<string, Served>;
  beforeAll(async () => {
    t = await openApiDatabase("postgres");
    const w = await buildApiWorld(t.db);
    const [widget] = await t.db.select({ token: webWidgets.websiteToken }).from(webWidgets).where(eq(webWidgets.inboxId, w.inbox.id));
    const label = await buildLabel(t.db, { accountId: w.account.id, title: "walked" });
    const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    await createMessage(t.db, { conversationId: conversation.id, sender: { type: "contact", id: w.contact.id }, input: { content: "Where is my order?" } });
    await createMessage(t.db, { conversationId: conversation.id, sender: { type: "user", id: w.agent.id }, input: { content: "On its way", message_type: "outgoing" } });
    ctx = { w: { ...w, db: t.db, websiteToken: widget!.token, conversationDisplayId: conversation.displayId, label: label.title }, ids: {} };
    served = await servedOperations();
  });
  afterAll(async () => closeApiDatabase(t));

  it("has a step for every operation Parley serves, and each step names an operation of the swagger once", () => {
    const walked = WALK.map((s) => s.op);
    expect(
      [...served.keys()].filter((op) => !walked.includes(op)),
      "served but not walked",
    ).toEqual([]);
    expect(
      walked.filter((op) => !OPERATIONS.includes(op)),
      "not an Application/Client operation of the swagger",
    ).toEqual([]);
    expect(walked.filter((op, i) => walked.indexOf(op) !== i)).toEqual([]);
    expect(Object.keys(SWAGGER_EXCEPTIONS).filter((op) => !walked.includes(op))).toEqual([]);
    // The validator is not vacuous: a wrong answer is refused, with the value's path.
    const show = validator.forResponse("GET /api/v1/accounts/{account_id}/contacts/{id}", "200")!;
    expect(show({ payload: { id: 1, email: null, name: "Lin" } })).toEqual([]);
    expect(show({ payload: { id: "1", blocked: "no" } }).map((e) => e.instancePath)).toEqual(expect.arrayContaining(["/payload/id", "/payload/blocked"]));
    // The walk is no smaller than what Parley served when it was written.
    expect(served.size).toBeGreaterThanOrEqual(89);
  });

  it("answers every walked operation with a 2xx in the swagger's response shape", async () => {
    const failures: string[] = [];
    let n = 0;
    for (const step of WALK) {
      const route = served.get(step.op);
      if (!route) continue;
      n++;
      const r = await step.request(ctx);
      const url = new URL(r.url, "http://parley.test");
      const params = paramsFor(route.pattern, url.pathname.replace(/\/+$/, ""));
      if (!params) throw new Error(`${step.op}: ${r.url} does not match ${route.pattern}`);
      const method = step.op.split(" ")[0]!;
      const token = r.token === undefined ? ctx.w.admin.accessToken : (r.token ?? undefined);
      const req = await apiRequest(`${url.pathname}${url.search}`, { method, token, body: r.body, headers: peerHeaders(`10.9.0.${n}`) });
      const res = await callRoute(route.handler, req, params);
      const text = await res.text();
      if (res.status < 200 || res.status > 299) {
        failures.push(`${step.op} → ${res.status} ${text.slice(0, 200)}`);
        continue;
      }
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      if (body !== undefined) step.keep?.(body, ctx);
      const exception = SWAGGER_EXCEPTIONS[step.op];
      const documented = exception?.status ? [String(exception.status)] : validator.statuses(step.op);
      if (!documented.includes(String(res.status))) {
        failures.push(`${step.op} → ${res.status}; expected ${documented.join(", ") || "no 2xx"}`);
        continue;
      }
      const check = exception?.schema ? validator.forSchema(exception.schema) : validator.forResponse(step.op, String(res.status));
      if (!check) continue; // the swagger gives this answer no JSON schema (e.g. DELETE's empty 200)
      for (const e of checkAnswer(step.op, check, body).slice(0, 8)) failures.push(`${step.op}: ${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
    }
    expect(n).toBe(served.size);
    expect(failures).toEqual([]);
  }, 60_000);
});
