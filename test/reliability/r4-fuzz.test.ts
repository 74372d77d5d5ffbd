import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BAD_IDENTIFIERS, BAD_IDS, MALFORMED_JSON, OVERSIZED_BODY, randomBody, randomQuery } from "./bad-input";
import { familyOf, rightfulCaller } from "./callers";
import { loadRoutes, NOT_IN_PROCESS, patternOf, routeFiles, type Route } from "./routes";
import { FULL_SCALE, scaled, seededRandom } from "./scale";
import { callIsolated, hasClearMessage, openWorld, type Call, type World } from "./world";

/**
 * R4 (SPEC §14, §8): bad input on every route file of the app — found by enumeration, so a new route
 * is fuzzed the day it lands — called with the credentials it needs, so the input reaches validation:
 * malformed JSON, wrong content types, bodies over 1 MB, wrong types, missing fields, huge strings,
 * odd Unicode, ids that name nothing, bad query strings. Never a 5xx and never a hang; every 4xx says
 * why and writes nothing (checksum of every table). Cases that are bad whatever the route (ids,
 * malformed or oversized bodies, non-JSON content types) must be refused; random bodies and queries
 * may be accepted when the route ignores what was sent (each call is rolled back).
 */
const seed = seededRandom("R4 fuzz");
const SIZE = scaled({ ids: 3, malformed: 2, random: 4, queries: 2 }, { ids: BAD_IDS.length, malformed: MALFORMED_JSON.length, random: 40, queries: 12 });
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/** `{ a: { a: … "x" } }`, `levels` objects deep. */
const nest = (levels: number): unknown => Array.from({ length: levels }).reduce<unknown>((inner) => ({ a: inner }), "x");

type Case = { name: string; call: Omit<Call, "route" | "caller">; mustRefuse: boolean };

function casesFor(route: Route, world: World, label: string): Case[] {
  // Each route and caller draws from its own generator: `-t <route file>` with the seed replays it alone.
  const rng = seed.fork(`${route.key} ${label}`);
  const cases: Case[] = [];
  const some = <T>(xs: readonly T[], n: number) => (n >= xs.length ? [...xs] : Array.from({ length: n }, () => rng.pick(xs)));
  for (const p of route.params) {
    if (p.catchAll) continue;
    const values = /Id$/.test(p.name) ? BAD_IDS : BAD_IDENTIFIERS;
    for (const v of some(values, SIZE.ids)) cases.push({ name: `${p.name}=${JSON.stringify(v.slice(0, 24))}`, call: { params: { ...world.params, [p.name]: v } }, mustRefuse: true });
  }
  if (WITH_BODY.has(route.method)) {
    // Cron endpoints take no input: what they are sent is ignored, never parsed.
    const takesInput = familyOf(route) !== "cron";
    for (const raw of some(MALFORMED_JSON, SIZE.malformed)) cases.push({ name: `malformed JSON ${JSON.stringify(raw.slice(0, 20))}`, call: { body: raw }, mustRefuse: takesInput });
    cases.push({ name: "text/plain body", call: { body: "hello", contentType: "text/plain" }, mustRefuse: takesInput });
    cases.push({ name: "form-encoded body", call: { body: "content=hi&name=x", contentType: "application/x-www-form-urlencoded" }, mustRefuse: takesInput });
    cases.push({ name: "body over 1 MB", call: { body: OVERSIZED_BODY }, mustRefuse: takesInput });
    cases.push({ name: "garbled multipart", call: { body: "--x\r\nnot a part\r\n--x--", contentType: "multipart/form-data; boundary=x" }, mustRefuse: takesInput });
    cases.push({ name: "multipart without a boundary", call: { body: "content=hi", contentType: "multipart/form-data" }, mustRefuse: takesInput });
    // Nesting (issue #13 §6): past 32 levels anywhere is refused (a recursive walk would overflow the
    // stack: a 500); attributes deeper than 3 levels too.
    cases.push({ name: "JSON nested 200,000 deep", call: { body: `{"custom_attributes":${"[".repeat(200_000)}${"]".repeat(200_000)}}` }, mustRefuse: takesInput });
    cases.push({ name: "JSON nested 33 deep", call: { body: { name: "x", content: "hi", message: { content: "hi" }, custom_attributes: nest(33) } }, mustRefuse: takesInput });
    cases.push({
      name: "attributes nested 4 deep",
      call: { body: { name: "x", content: "hi", custom_attributes: nest(4), additional_attributes: nest(4), message: { content: "hi" } } },
      mustRefuse: false,
    });
    cases.push({ name: "JSON without a content type", call: { body: { content: "hi" }, contentType: null }, mustRefuse: false });
    // Every jsonb-bound field at once, with lone surrogates in keys and values (Postgres jsonb refuses them).
    const lone = { "\ud800": "x\udfffy", k: ["\udc00"] };
    cases.push({
      name: "lone surrogates in attributes",
      call: { body: { content: "x\ud800", name: "\udfff", custom_attributes: lone, additional_attributes: lone, content_attributes: lone, message: { content: "\ud800", content_attributes: lone } } },
      mustRefuse: false,
    });
    // …and inside a field that carries JSON text of its own (Chatwoot's form-post content_attributes).
    cases.push({ name: "lone surrogate in JSON text of a field", call: { body: { content: "hi", content_attributes: '{"k":"\\udfff","\\ud800":1}' } }, mustRefuse: false });
    for (let i = 0; i < SIZE.random; i++) {
      const body = randomBody(rng);
      cases.push({ name: `random body ${JSON.stringify(body)?.slice(0, 60)}`, call: { body }, mustRefuse: false });
    }
  }
  for (let i = 0; i < SIZE.queries; i++) {
    const query = randomQuery(rng);
    cases.push({ name: `query ${query.slice(0, 60)}`, call: { query }, mustRefuse: false });
  }
  return cases;
}

describe("R4: bad input on every route never gets a 5xx, and a refusal says why and writes nothing", () => {
  let world: World;
  let routes: Route[];
  beforeAll(async () => {
    world = await openWorld();
    routes = await loadRoutes();
  });
  afterAll(async () => world?.close());

  it("finds every route file", () => {
    expect(routeFiles().length).toBeGreaterThan(40);
  });

  it.each(routeFiles().filter((f) => !NOT_IN_PROCESS[patternOf(f)]))(
    "%s",
    async (file) => {
      const failures: string[] = [];
      let refused = 0;
      let total = 0;
      for (const route of routes.filter((r) => r.file === file)) {
        const rightful = rightfulCaller(world, route);
        // At full scale the Application API is also fuzzed as an agent of the inbox (other code paths:
        // inbox scoping, claims) and through the administrator's session cookie (the cookie and Origin path).
        const callers = [
          rightful.caller,
          ...(FULL_SCALE && familyOf(route) === "account"
            ? [
                { kind: "token" as const, token: world.w.agent.accessToken },
                { kind: "session" as const, userId: world.w.admin.id },
              ]
            : []),
        ];
        for (const caller of callers)
          for (const c of casesFor(route, world, caller.kind === "token" && caller.token === world.w.agent.accessToken ? "agent" : caller.kind)) {
            const websiteToken = rightful.websiteToken;
            total++;
            let o;
            try {
              o = await callIsolated(world, { route, caller, websiteToken, ...c.call });
            } catch (err) {
              failures.push(`${route.key} · ${c.name}: threw ${(err as Error).message}`);
              continue;
            }
            const where = `${route.key} as ${caller.kind === "token" && caller.token === world.w.agent.accessToken ? "agent" : caller.kind} · ${c.name} → ${o.status} ${o.text.slice(0, 160)}`;
            if (o.status >= 500) failures.push(`${where} (a 5xx)`);
            else if (o.status >= 400) {
              refused++;
              if (!hasClearMessage(o)) failures.push(`${where} (no message)`);
              if (o.wrote) failures.push(`${where} (wrote while refusing)`);
            } else if (c.mustRefuse) failures.push(`${where} (accepted)`);
          }
      }
      expect(failures, `${failures.length} of ${total} cases failed (RELIABILITY_SEED=${seed.seed})`).toEqual([]);
      expect(total).toBeGreaterThan(0);
      console.info(`[R4] ${file}: ${total} cases, ${refused} refused`);
    },
    scaled(30_000, 600_000),
  );
});
