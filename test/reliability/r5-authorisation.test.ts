import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MATRIX, type RouteClass } from "./authorisation-matrix";
import { familyOf, rightfulCaller } from "./callers";
import { loadRoutes, type Route } from "./routes";
import { callIsolated, MARKER, openWorld, type Call, type World } from "./world";

/**
 * R5 (SPEC §14, §8, §10): every API route and method, called as nobody, as an agent of another inbox
 * in the same account, as the administrator of another account, and as another contact (its widget
 * token, or its source_id in a Client API path). A refusal is the status §8 names and writes nothing;
 * where a caller may use a route about their own things ("own"), the answer never carries what only
 * the inbox's conversation holds (MARKER).
 */
type Persona = "nobody" | "agent of another inbox" | "administrator of another account" | "another contact" | "administrator of another account, in their account";
type Expected = number | "own";

const EXPECTED: Record<Exclude<RouteClass, "not-in-process">, Partial<Record<Persona, Expected>>> = {
  conversation: { nobody: 401, "agent of another inbox": 404, "administrator of another account": 404 },
  inbox: { nobody: 401, "agent of another inbox": 403, "administrator of another account": 404 },
  admin: { nobody: 401, "agent of another inbox": 403, "administrator of another account": 404 },
  member: { nobody: 401, "agent of another inbox": "own", "administrator of another account": 404 },
  user: { nobody: 401, "agent of another inbox": "own", "administrator of another account": "own" },
  widget: { nobody: 404, "another contact": "own" },
  "widget-object": { nobody: 404, "another contact": 404 },
  "widget-public": { nobody: "own", "another contact": "own" },
  client: { nobody: 404, "another contact": "own" },
  "client-conversation": { nobody: 404, "another contact": 404 },
  "client-public": { nobody: "own" },
  cron: { nobody: 401, "agent of another inbox": 401, "administrator of another account": 401 },
  metrics: { nobody: 401, "agent of another inbox": 401, "administrator of another account": 401 },
  public: { nobody: "own" },
};

/** A body each route would accept from its rightful caller, so only who calls decides. */
function plausibleBody(world: World) {
  return {
    content: "hi",
    status: "resolved",
    priority: "high",
    assignee_id: world.w.agent.id,
    typing_status: "on",
    labels: ["vip"],
    name: "Renamed",
    title: "renamed",
    short_code: "renamed",
    availability: "online",
    role: "agent",
    inbox_id: world.w.inbox.id,
    user_ids: [world.w.agent.id],
    conversation_ids: [world.conversation.displayId],
    contact_id: world.w.contact.id,
    source_id: "matrix-source",
    submitted_values: [{ name: "email", value: "ivy@example.test" }],
    profile: { availability: "online", account_id: world.w.account.id },
    message: { content: "hi", submitted_values: [{ name: "email", value: "ivy@example.test" }] },
  };
}

function callAs(world: World, route: Route, persona: Persona): Omit<Call, "route"> {
  const widgetToken = route.pattern.startsWith("/api/v1/widget/") || route.pattern === "/widget" ? world.websiteToken : undefined;
  const body = route.method === "GET" || route.method === "HEAD" ? undefined : plausibleBody(world);
  // Searches look for the inbox's conversation itself, so a leak would show.
  const query = route.pattern.includes("/search") ? `q=${MARKER}` : undefined;
  return { query, ...callAsPersona(world, route, persona, widgetToken, body) };
}

function callAsPersona(world: World, route: Route, persona: Persona, widgetToken: string | undefined, body: unknown): Omit<Call, "route"> {
  switch (persona) {
    case "nobody":
      // A Client API caller with no contact of its own: a source_id nobody has.
      return { caller: { kind: "nobody" }, websiteToken: widgetToken, body, params: { ...world.params, contactIdentifier: "nobody-has-this-source-id" } };
    case "agent of another inbox":
      return { caller: { kind: "token", token: world.w.outsider.accessToken }, body };
    case "administrator of another account":
      return { caller: { kind: "token", token: world.w.strangerAdmin.accessToken }, body };
    case "administrator of another account, in their account":
      // Their own account in the path, this account's ids (global ones) in the path and the body.
      return { caller: { kind: "token", token: world.w.strangerAdmin.accessToken }, body, params: { ...world.params, accountId: String(world.w.stranger.id) } };
    case "another contact":
      return widgetToken
        ? { caller: { kind: "widget", token: world.intruderWidgetToken }, websiteToken: widgetToken, body }
        : { caller: { kind: "nobody" }, body, params: { ...world.params, contactIdentifier: world.intruderInbox.sourceId } };
  }
}

describe("R5: the authorisation matrix over every route", () => {
  let world: World;
  let routes: Route[];
  beforeAll(async () => {
    world = await openWorld();
    routes = await loadRoutes();
  });
  afterAll(async () => world?.close());

  it("classifies every route and method, and only those", () => {
    const keys = routes.map((r) => r.key).sort();
    expect(
      keys.filter((k) => !MATRIX[k]),
      "routes without an R5 entry (add them to test/reliability/authorisation-matrix.ts)",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((k) => !keys.includes(k)),
      "R5 entries whose route is gone",
    ).toEqual([]);
  });

  it("refuses every caller without the right with the status SPEC §8 names, writing nothing, and leaks nothing to the rest", async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const route of routes) {
      const cls = MATRIX[route.key];
      if (!cls || cls === "not-in-process") continue;
      for (const [persona, expected] of Object.entries(EXPECTED[cls]) as [Persona, Expected][]) {
        calls++;
        const o = await callIsolated(world, { route, ...callAs(world, route, persona) });
        const where = `${route.key} as ${persona} (${cls}) → ${o.status} ${o.text.slice(0, 120)}`;
        if (o.status >= 500) failures.push(`${where}: a 5xx`);
        else if (expected === "own") {
          if (o.text.includes(MARKER)) failures.push(`${where}: leaked the inbox's conversation`);
          // A source_id is the inbox's Client API credential for that contact (issue #13 §4).
          if (o.text.includes(world.w.contactInbox.sourceId)) failures.push(`${where}: leaked a source_id of the inbox`);
        } else {
          if (o.status !== expected) failures.push(`${where}: expected ${expected}`);
          if (o.wrote) failures.push(`${where}: wrote while refusing`);
        }
      }
    }
    expect(failures, `${failures.length} of ${calls} calls`).toEqual([]);
  }, 60_000);

  it("shows an agent the contact_inboxes of their own inboxes only, administrators all; an agent cannot place a contact in another inbox (#13 §4)", async () => {
    const route = (key: string) => routes.find((r) => r.key === key)!;
    const show = route("GET /api/v1/accounts/[accountId]/contacts/[contactId]");
    const asAgent = await callIsolated(world, { route: show, caller: { kind: "token", token: world.w.outsider.accessToken } });
    expect(asAgent.status).toBe(200);
    expect((JSON.parse(asAgent.text) as { payload: { contact_inboxes: unknown[] } }).payload.contact_inboxes).toEqual([]);
    const asMember = await callIsolated(world, { route: show, caller: { kind: "token", token: world.w.agent.accessToken } });
    expect(asMember.text).toContain(world.w.contactInbox.sourceId);
    const asAdmin = await callIsolated(world, { route: show, caller: { kind: "token", token: world.w.admin.accessToken } });
    expect(asAdmin.text).toContain(world.w.contactInbox.sourceId);
    for (const key of ["GET /api/v1/accounts/[accountId]/contacts", "GET /api/v1/accounts/[accountId]/contacts/search"]) {
      const o = await callIsolated(world, { route: route(key), caller: { kind: "token", token: world.w.outsider.accessToken }, query: "q=a" });
      expect(o.status, key).toBe(200);
      expect(o.text, key).not.toContain(world.w.contactInbox.sourceId);
    }
    const place = await callIsolated(world, {
      route: route("POST /api/v1/accounts/[accountId]/contacts"),
      caller: { kind: "token", token: world.w.outsider.accessToken },
      body: { name: "Placed", inbox_id: world.w.inbox.id, source_id: "agent-chosen-source" },
    });
    expect(place.status).toBe(404);
    expect(place.wrote).toBe(false);
    const open = await callIsolated(world, {
      route: route("POST /api/v1/accounts/[accountId]/contacts/[contactId]/contact_inboxes"),
      caller: { kind: "token", token: world.w.outsider.accessToken },
      body: { inbox_id: world.w.inbox.id, source_id: "agent-chosen-source" },
    });
    expect([open.status, open.wrote]).toEqual([404, false]);
    const contactable = await callIsolated(world, {
      route: route("GET /api/v1/accounts/[accountId]/contacts/[contactId]/contactable_inboxes"),
      caller: { kind: "token", token: world.w.outsider.accessToken },
    });
    expect(contactable.status).toBe(200);
    expect((JSON.parse(contactable.text) as { payload: { inbox: { id: number } }[] }).payload.map((p) => p.inbox.id)).not.toContain(world.w.inbox.id);
  });

  it("team workflow (#15): an agent of the inbox cannot manage teams, automation rules or account-wide macros, and never reaches another user's personal macros, saved filters or notifications", async () => {
    const route = (key: string) => {
      const r = routes.find((x) => x.key === key);
      if (!r) throw new Error(`no route ${key}`);
      return r;
    };
    const A = "/api/v1/accounts/[accountId]";
    const agent = { kind: "token" as const, token: world.w.agent.accessToken };
    const body = plausibleBody(world);
    const globalMacro = { ...world.params, macroId: String(world.globalMacroId) };
    // [route key, params, body, expected status]: each refused, writing nothing.
    const refused: [string, Record<string, string | string[]>, unknown, number][] = [
      // WF2: teams and their members are the administrators'.
      [`POST ${A}/teams`, world.params, { name: "Agents only" }, 403],
      [`PATCH ${A}/teams/[teamId]`, world.params, { name: "Renamed", allow_auto_assign: true }, 403],
      [`PUT ${A}/teams/[teamId]`, world.params, { name: "Renamed" }, 403],
      [`DELETE ${A}/teams/[teamId]`, world.params, undefined, 403],
      [`GET ${A}/teams/[teamId]/team_members`, world.params, undefined, 403],
      [`POST ${A}/teams/[teamId]/team_members`, world.params, { user_ids: [world.w.agent.id] }, 403],
      [`PATCH ${A}/teams/[teamId]/team_members`, world.params, { user_ids: [world.w.agent.id] }, 403],
      [`DELETE ${A}/teams/[teamId]/team_members`, world.params, { user_ids: [world.w.agent.id] }, 403],
      // MA3: automation rules are the administrators'.
      [`GET ${A}/automation_rules`, world.params, undefined, 403],
      [`POST ${A}/automation_rules`, world.params, { name: "Mine", event_name: "conversation_created", conditions: [], actions: [{ action_name: "resolve_conversation", action_params: [] }] }, 403],
      [`GET ${A}/automation_rules/[ruleId]`, world.params, undefined, 403],
      [`PATCH ${A}/automation_rules/[ruleId]`, world.params, { active: false }, 403],
      [`PUT ${A}/automation_rules/[ruleId]`, world.params, { active: false }, 403],
      [`DELETE ${A}/automation_rules/[ruleId]`, world.params, undefined, 403],
      // MA1: account-wide macros are the administrators' to make and change (everyone may run them).
      [`POST ${A}/macros`, world.params, { name: "Everyone's", visibility: "global", actions: [{ action_name: "resolve_conversation", action_params: [] }] }, 403],
      [`PATCH ${A}/macros/[macroId]`, globalMacro, { name: "Taken over" }, 403],
      [`PUT ${A}/macros/[macroId]`, globalMacro, { name: "Taken over" }, 403],
      [`DELETE ${A}/macros/[macroId]`, globalMacro, undefined, 403],
      // Someone else's personal macro, saved filter and notification do not exist for the agent.
      [`GET ${A}/macros/[macroId]`, world.params, undefined, 404],
      [`PATCH ${A}/macros/[macroId]`, world.params, { name: "Taken over" }, 404],
      [`PUT ${A}/macros/[macroId]`, world.params, { name: "Taken over" }, 404],
      [`DELETE ${A}/macros/[macroId]`, world.params, undefined, 404],
      [`POST ${A}/macros/[macroId]/execute`, world.params, { conversation_ids: [world.conversation.displayId] }, 404],
      [`GET ${A}/custom_filters/[customFilterId]`, world.params, undefined, 404],
      [`PATCH ${A}/custom_filters/[customFilterId]`, world.params, { name: "Taken over" }, 404],
      [`PUT ${A}/custom_filters/[customFilterId]`, world.params, { name: "Taken over" }, 404],
      [`DELETE ${A}/custom_filters/[customFilterId]`, world.params, undefined, 404],
      [`PATCH ${A}/notifications/[notificationId]`, world.params, body, 404],
      [`POST ${A}/notifications/[notificationId]/unread`, world.params, body, 404],
      [`DELETE ${A}/notifications/[notificationId]`, world.params, undefined, 404],
    ];
    const failures: string[] = [];
    for (const [key, params, sent, expected] of refused) {
      const o = await callIsolated(world, { route: route(key), caller: agent, params, body: sent });
      if (o.status !== expected || o.wrote) failures.push(`${key} → ${o.status}${o.wrote ? " (wrote)" : ""}; expected ${expected} ${o.text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);

    // The lists show the agent their own things and the account's, never the administrator's personal ones.
    const listed = async (key: string) => {
      const o = await callIsolated(world, { route: route(key), caller: agent });
      expect(o.status, key).toBe(200);
      return JSON.parse(o.text) as unknown;
    };
    const macros = (await listed(`GET ${A}/macros`)) as { payload: { id: number }[] };
    expect(macros.payload.map((m) => m.id)).toEqual([world.globalMacroId]);
    expect(await listed(`GET ${A}/custom_filters`)).toEqual([]);
    expect(await listed(`GET ${A}/notifications`)).toMatchObject({ data: { meta: { unread_count: 0, count: 0 }, payload: [] } });
    expect(await listed(`GET ${A}/notifications/unread_count`)).toBe(0);
    expect(await listed(`GET ${A}/notification_settings`)).toMatchObject({ user_id: world.w.agent.id });
    // Reading "all" reads the agent's own: the administrator's notification stays unread.
    const readAll = await callIsolated(world, { route: route(`POST ${A}/notifications/read_all`), caller: agent, body: {} });
    expect([readAll.status, readAll.wrote]).toEqual([200, false]);
    // Teams are listed to every member (Chatwoot), with is_member for the caller.
    expect(await listed(`GET ${A}/teams`)).toMatchObject([{ name: "Billing", is_member: false }]);
  }, 60_000);

  it("never lets another account's administrator reach this account's objects by id from their own account", async () => {
    // Display ids are per account (conversation 1 exists in both), every other id is global.
    const GLOBAL_IDS = new Set([
      "contactId",
      "inboxId",
      "labelId",
      "cannedResponseId",
      "agentId",
      "messageId",
      "attachmentId",
      "noteId",
      "definitionId",
      "teamId",
      "customFilterId",
      "notificationId",
      "macroId",
      "ruleId",
    ]);
    const persona: Persona = "administrator of another account, in their account";
    const failures: string[] = [];
    let calls = 0;
    for (const route of routes.filter((r) => r.pattern.startsWith("/api/v1/accounts/[accountId]"))) {
      calls++;
      const o = await callIsolated(world, { route, ...callAs(world, route, persona), guardAccountId: world.w.account.id });
      const where = `${route.key} as ${persona} → ${o.status} ${o.text.slice(0, 120)}`;
      const namesOurs = route.params.some((p) => GLOBAL_IDS.has(p.name));
      if (o.status >= 500) failures.push(`${where}: a 5xx`);
      if (namesOurs && o.status !== 404) failures.push(`${where}: expected 404`);
      if (o.touchedGuarded) failures.push(`${where}: changed a row of the other account`);
      if (o.text.includes(MARKER)) failures.push(`${where}: leaked the inbox's conversation`);
    }
    expect(failures, `${failures.length} of ${calls} calls`).toEqual([]);
  }, 60_000);

  it("refuses a signed-in administrator's cookie on every mutation sent from another origin (SPEC §12)", async () => {
    const failures: string[] = [];
    const mutations = routes.filter((r) => ["account", "user"].includes(familyOf(r)) && !["GET", "HEAD"].includes(r.method));
    for (const route of mutations) {
      const o = await callIsolated(world, { route, caller: { kind: "session", userId: world.w.admin.id, origin: "https://evil.example" }, body: plausibleBody(world) });
      if (o.status !== 403 || o.wrote) failures.push(`${route.key} → ${o.status}${o.wrote ? " (wrote)" : ""} ${o.text.slice(0, 120)}`);
    }
    expect(mutations.length).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  }, 60_000);

  it("lets the rightful caller through every route it classifies (so the refusals above are about the caller)", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const cls = MATRIX[route.key];
      if (!cls || cls === "not-in-process") continue;
      const { caller, websiteToken } = rightfulCaller(world, route);
      const o = await callIsolated(world, { route, caller, websiteToken, body: route.method === "GET" ? undefined : plausibleBody(world) });
      if (o.status >= 500 || o.status === 401 || o.status === 403) failures.push(`${route.key} → ${o.status} ${o.text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
