import { describe, expect, it } from "vitest";
import { applyMessage, appendPage, compareRows, matches, patchRow, renameContact, toRow, upsertRow, waitingTone, type ListFilter, type Row } from "./list-model";
import type { FilterCondition } from "@/components/workflow/filter-conditions";
import { fitsInUrl, MAX_FILTER_PARAM, readFilterParam, writeFilterParam } from "@/components/workflow/filter-param";
import { DEFAULT_PLACE, filterRequest, listQuery, parsePlace, placeQuery, sameFilter } from "./url-state";

const ME = 7;
const row = (over: Partial<Row> & { id: number }): Row => ({
  inboxId: 1,
  status: "open",
  priority: null,
  contactId: null,
  contactName: `Visitor ${over.id}`,
  assigneeId: null,
  assigneeName: null,
  lastActivityAt: 1000,
  createdAt: 100,
  waitingSince: 0,
  unread: 0,
  preview: null,
  ...over,
});
const all: ListFilter = { view: "all", status: "open", inboxId: null, sort: "last_activity_at_desc" };
const ids = (rows: Row[]) => rows.map((r) => r.id);

describe("list rows from the API and the stream (SPEC U1, U3)", () => {
  const push = {
    id: 12,
    inbox_id: 3,
    status: "pending",
    priority: "high",
    meta: { sender: { id: 5, name: "Ada" }, assignee: { id: 7, name: "Sam Rivera", available_name: "Sam" } },
    messages: [{ id: 40, content: "hello", message_type: 0, private: false }],
    unread_count: 2,
    last_activity_at: 500,
    created_at: 400,
    waiting_since: 450,
  };

  it("reads a ConversationPush: contact, assignee by available name, last public message", () => {
    expect(toRow(push)).toEqual({
      id: 12,
      inboxId: 3,
      status: "pending",
      priority: "high",
      contactId: 5,
      contactName: "Ada",
      assigneeId: 7,
      assigneeName: "Sam",
      lastActivityAt: 500,
      createdAt: 400,
      waitingSince: 450,
      unread: 2,
      preview: { id: 40, content: "hello", private: false, incoming: true, attachments: 0 },
      labels: [],
      teamId: null,
      teamName: null,
    });
  });

  it("reads an AppConversation's last_non_activity_message (notes included) and ignores junk", () => {
    const app = { ...push, messages: [], last_non_activity_message: { id: 41, content: "note", message_type: 1, sender_type: "User", private: true } };
    expect(toRow(app)?.preview).toEqual({ id: 41, content: "note", private: true, incoming: false, attachments: 0 });
    expect(toRow({ id: "x" })).toBeNull();
  });

  it("U10: previews the latest message a person wrote, never a greeting, email-collect, bot or activity message", () => {
    const visitor = { id: 50, content: "Do you ship to Oslo?", message_type: 0, sender_type: "Contact", private: false };
    const emailCollect = { id: 52, content: "Get notified by email", message_type: 3, private: false, content_type: "input_email" };
    const app = { ...push, messages: [emailCollect], last_non_activity_message: emailCollect, last_person_message: visitor };
    expect(toRow(app)?.preview).toMatchObject({ id: 50, content: "Do you ship to Oslo?", incoming: true });
    // Live: a template, a bot's or an automation rule's message after the visitor's leaves the preview alone.
    const r = toRow(app)!;
    for (const auto of [
      { ...emailCollect, id: 53 },
      { id: 54, content: "Bot here", message_type: 1, sender_type: "AgentBot", private: false },
      { id: 55, content: "Rule", message_type: 1, sender_type: "User", content_attributes: { automation_rule_id: 3 }, private: false },
      { id: 56, content: "Assigned to Sam", message_type: 2, private: false },
    ])
      expect(applyMessage(r, { ...auto, conversation: { unread_count: 1, last_activity_at: 600 } }).preview?.id).toBe(50);
    // …and a push whose last public message is automatic keeps it too.
    expect(upsertRow([r], toRow({ ...push, messages: [emailCollect] })!, { ...all, status: "pending" }, ME, false)[0]!.preview?.id).toBe(50);
    // A human reply previews.
    const reply = applyMessage(r, { id: 57, content: "Yes we do", message_type: 1, sender_type: "User", private: false, conversation: { unread_count: 0, last_activity_at: 610 } });
    expect(reply.preview).toMatchObject({ id: 57, incoming: false });
  });

  it("a later push with an older public message keeps the newer private note as the preview", () => {
    const withNote = applyMessage(toRow(push)!, {
      id: 41,
      content: "internal",
      message_type: 1,
      sender_type: "User",
      private: true,
      conversation: { unread_count: 0, last_activity_at: 510, assignee_id: 7 },
    });
    expect(withNote.preview?.private).toBe(true);
    const next = upsertRow([withNote], toRow({ ...push, status: "pending" })!, { ...all, status: "pending" }, ME, false);
    expect(next[0]!.preview?.id).toBe(41);
  });

  it("applies a message: unread and last activity from its conversation, activity messages never preview", () => {
    const r = row({ id: 1, preview: { id: 5, content: "a", private: false, incoming: true, attachments: 0 } });
    const next = applyMessage(r, { id: 9, message_type: 2, content: "Assigned", conversation: { unread_count: 3, last_activity_at: 2000 } });
    expect(next).toMatchObject({ unread: 3, lastActivityAt: 2000, preview: { id: 5 } });
    const reassigned = applyMessage(row({ id: 1, assigneeId: 7, assigneeName: "Sam" }), { id: 10, message_type: 0, content: "hi", conversation: { assignee_id: 8 } });
    expect(reassigned).toMatchObject({ assigneeId: 8, assigneeName: null });
  });

  it("patches from the pane: status, unread, priority, assignee (null unassigns)", () => {
    const r = row({ id: 1, unread: 4, assigneeId: 7, assigneeName: "Sam" });
    expect(patchRow(r, { unread_count: 0, status: "resolved", priority: "urgent" })).toMatchObject({ unread: 0, status: "resolved", priority: "urgent" });
    expect(patchRow(r, { meta: { assignee: null } })).toMatchObject({ assigneeId: null, assigneeName: null });
    expect(patchRow(r, { meta: { assignee: { id: 9, name: "Jo" } } })).toMatchObject({ assigneeId: 9, assigneeName: "Jo" });
  });
});

describe("filter matching", () => {
  it("WF3: with conditions, they alone place a row; one the client cannot check keeps a shown row and adds none", () => {
    const f: ListFilter = { ...all, status: "resolved", conditions: [{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: null }] };
    const open = row({ id: 1, status: "open" });
    expect(upsertRow([], open, f, ME, false).map((r) => r.id)).toEqual([1]);
    expect(upsertRow([open], { ...open, status: "pending" }, f, ME, false)).toEqual([]);
    const byEmail: ListFilter = { ...all, conditions: [{ attribute_key: "email", filter_operator: "contains", values: ["@acme"], query_operator: null }] };
    expect(upsertRow([open], { ...open, unread: 2 }, byEmail, ME, false).map((r) => r.unread)).toEqual([2]);
    expect(upsertRow([], open, byEmail, ME, false)).toEqual([]);
  });

  it("status, inbox and view (mine = assigned to me, unassigned = nobody)", () => {
    const r = row({ id: 1, status: "open", inboxId: 2, assigneeId: ME });
    expect(matches(r, all, ME)).toBe(true);
    expect(matches(r, { ...all, status: "pending" }, ME)).toBe(false);
    expect(matches(r, { ...all, status: "all" }, ME)).toBe(true);
    expect(matches(r, { ...all, inboxId: 3 }, ME)).toBe(false);
    expect(matches(r, { ...all, view: "mine" }, ME)).toBe(true);
    expect(matches(r, { ...all, view: "mine" }, ME + 1)).toBe(false);
    expect(matches(r, { ...all, view: "unassigned" }, ME)).toBe(false);
    expect(matches({ ...r, assigneeId: null }, { ...all, view: "unassigned" }, ME)).toBe(true);
  });
});

describe("sorting as the server does (list-order.ts)", () => {
  it("priority: urgent first, none last, then last activity; waiting: longest first, not waiting last", () => {
    const rows = [
      row({ id: 1, priority: null, lastActivityAt: 9 }),
      row({ id: 2, priority: "low" }),
      row({ id: 3, priority: "urgent", lastActivityAt: 1 }),
      row({ id: 4, priority: "urgent", lastActivityAt: 5 }),
    ];
    expect(ids([...rows].sort((a, b) => compareRows("priority_desc", a, b)))).toEqual([4, 3, 2, 1]);
    const waiting = [row({ id: 1, waitingSince: 0 }), row({ id: 2, waitingSince: 50 }), row({ id: 3, waitingSince: 10 })];
    expect(ids([...waiting].sort((a, b) => compareRows("waiting_since_asc", a, b)))).toEqual([3, 2, 1]);
    const created = [row({ id: 1, createdAt: 5 }), row({ id: 2, createdAt: 9 })];
    expect(ids([...created].sort((a, b) => compareRows("created_at_desc", a, b)))).toEqual([2, 1]);
  });
});

describe("live upsert (SPEC U3)", () => {
  const list = [row({ id: 1, lastActivityAt: 300 }), row({ id: 2, lastActivityAt: 200 }), row({ id: 3, lastActivityAt: 100 })];

  it("moves an updated conversation to its place and inserts a new one at the top", () => {
    expect(ids(upsertRow(list, row({ id: 3, lastActivityAt: 400 }), all, ME, false))).toEqual([3, 1, 2]);
    expect(ids(upsertRow(list, row({ id: 9, lastActivityAt: 500 }), all, ME, true))).toEqual([9, 1, 2, 3]);
  });

  it("removes a conversation that stops matching (resolved, reassigned away from Mine)", () => {
    expect(ids(upsertRow(list, row({ id: 2, status: "resolved" }), all, ME, false))).toEqual([1, 3]);
    const mine = [row({ id: 5, assigneeId: ME })];
    expect(upsertRow(mine, row({ id: 5, assigneeId: ME + 1 }), { ...all, view: "mine" }, ME, false)).toEqual([]);
    expect(upsertRow(list, row({ id: 9, status: "pending" }), all, ME, false)).toBe(list);
  });

  it("leaves a row that sorts past the loaded window to the next page while more pages exist", () => {
    expect(ids(upsertRow(list, row({ id: 9, lastActivityAt: 50 }), all, ME, true))).toEqual([1, 2, 3]);
    expect(ids(upsertRow(list, row({ id: 9, lastActivityAt: 50 }), all, ME, false))).toEqual([1, 2, 3, 9]);
    expect(ids(upsertRow(list, row({ id: 1, lastActivityAt: 50 }), all, ME, true))).toEqual([2, 3]);
  });

  it("contact.updated renames the contact's cards and leaves the list as it is otherwise", () => {
    const rows = [row({ id: 1, contactId: 5, contactName: "Visitor" }), row({ id: 2, contactId: 6 })];
    expect(renameContact(rows, { id: 5, name: "Ada Lovelace" }).map((r) => r.contactName)).toEqual(["Ada Lovelace", "Visitor 2"]);
    expect(renameContact(rows, { id: 9, name: "Nobody" })).toBe(rows);
  });

  it("appending a page never doubles a row already shown", () => {
    expect(ids(appendPage(list, [row({ id: 3 }), row({ id: 4 })]))).toEqual([1, 2, 3, 4]);
  });

  it("waiting colour: amber past 15 minutes, red past an hour, only while open", () => {
    const now = 10_000;
    expect(waitingTone(row({ id: 1, waitingSince: now - 60 }), now)).toBe("calm");
    expect(waitingTone(row({ id: 1, waitingSince: now - 16 * 60 }), now)).toBe("amber");
    expect(waitingTone(row({ id: 1, waitingSince: now - 61 * 60 }), now)).toBe("red");
    expect(waitingTone(row({ id: 1, waitingSince: now - 61 * 60, status: "pending" }), now)).toBe("none");
    expect(waitingTone(row({ id: 1 }), now)).toBe("none");
  });
});

describe("the place in the URL", () => {
  it("round-trips, drops defaults and ignores nonsense", () => {
    const p = parsePlace(new URLSearchParams("view=mine&status=pending&sort=priority_desc&inbox_id=4&conversation=12"));
    expect(p).toEqual({ view: "mine", status: "pending", sort: "priority_desc", inboxId: 4, label: null, teamId: null, viewId: null, conditions: null, conversation: 12 });
    expect(placeQuery(p)).toBe("?view=mine&status=pending&sort=priority_desc&inbox_id=4&conversation=12");
    expect(placeQuery(parsePlace(new URLSearchParams("view=x&status=<b>&inbox_id=-1&conversation=abc")))).toBe("");
  });

  it("keeps a saved view in the URL (filter_id) and reads a filter with conditions from POST /conversations/filter (WF4)", () => {
    const p = parsePlace(new URLSearchParams("filter_id=7&conversation=3"));
    expect(p.viewId).toBe(7);
    expect(placeQuery(p)).toBe("?filter_id=7&conversation=3");
    const conditions = [{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: null }];
    const f = { view: "all" as const, status: "open" as const, inboxId: null, sort: "created_at_desc" as const, conditions };
    expect(filterRequest(f, "abc")).toEqual({
      path: "/filter?sort_by=created_at_desc&cursor=abc",
      init: { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ payload: conditions }) },
    });
    expect(filterRequest({ ...f, conditions: null })).toBeNull();
    expect(sameFilter(f, { ...f, conditions: [...conditions] })).toBe(true);
    expect(sameFilter(f, { ...f, conditions: [{ ...conditions[0]!, values: ["pending"] }] })).toBe(false);
  });

  it("keeps an unsaved filter's conditions in the URL (filter=) so a reload and back/forward bring them back (U1, WF3)", () => {
    const conditions: FilterCondition[] = [
      { attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "or" },
      { attribute_key: "labels", filter_operator: "equal_to", values: ["vip", "билинг"], query_operator: null },
      { attribute_key: "plan", filter_operator: "equal_to", values: ["true"], query_operator: null, attribute_model: "contact_attribute" },
    ];
    const query = placeQuery({ ...parsePlace(new URLSearchParams("status=pending&conversation=9")), conditions });
    expect(query.startsWith("?status=pending&filter=%5B%7B%22attribute_key%22")).toBe(true);
    expect(query.endsWith("&conversation=9")).toBe(true);
    const back = parsePlace(new URLSearchParams(query.slice(1)));
    expect(back.conditions).toEqual(conditions);
    expect(back).toMatchObject({ status: "pending", viewId: null, conversation: 9 });
    // What the server renders and what the browser reads are one filter: no refetch on hydration.
    expect(sameFilter(back, parsePlace(new URLSearchParams(query)))).toBe(true);
    // Clearing it (or leaving for another view) drops the parameter.
    expect(placeQuery({ ...back, conditions: null })).toBe("?status=pending&conversation=9");
  });

  it("reads Chatwoot's own spelling of a payload: upper-case joins, booleans, no query_operator on the last", () => {
    const raw = JSON.stringify([
      { attribute_key: "priority", filter_operator: "is_present", query_operator: "AND" },
      { attribute_key: "vip", filter_operator: "equal_to", values: [true], extra: "dropped" },
    ]);
    expect(parsePlace(new URLSearchParams({ filter: raw })).conditions).toEqual([
      { attribute_key: "priority", filter_operator: "is_present", values: [], query_operator: "and" },
      { attribute_key: "vip", filter_operator: "equal_to", values: ["true"], query_operator: null },
    ]);
  });

  it("ignores a malformed or oversized filter= and lets a saved view (filter_id=) win over it", () => {
    const ok = JSON.stringify([{ attribute_key: "status", filter_operator: "equal_to", values: ["open"] }]);
    const cond = (over: Record<string, unknown>) => JSON.stringify([{ attribute_key: "status", filter_operator: "equal_to", values: ["open"], ...over }]);
    for (const raw of [
      "",
      "not json",
      "{}",
      "[]",
      "null",
      '"status"',
      "[1]",
      "[null]",
      cond({ attribute_key: "" }),
      cond({ attribute_key: "x".repeat(65) }),
      cond({ filter_operator: 3 }),
      cond({ values: "open" }),
      cond({ values: [{ a: 1 }] }),
      cond({ values: [null] }),
      cond({ values: ["x".repeat(256)] }),
      cond({ values: Array.from({ length: 51 }, (_, i) => i) }),
      cond({ query_operator: "xor" }),
      cond({ attribute_model: 5 }),
      JSON.stringify(Array.from({ length: 21 }, () => JSON.parse(ok)[0])),
      `${ok.slice(0, -1)},${"x".repeat(MAX_FILTER_PARAM)}]`,
      "[".repeat(5000),
    ]) {
      expect(parsePlace(new URLSearchParams({ filter: raw })).conditions, raw.slice(0, 60)).toBeNull();
    }
    expect(parsePlace(new URLSearchParams({ filter: ok })).conditions).toHaveLength(1);
    const both = parsePlace(new URLSearchParams({ filter_id: "7", filter: ok }));
    expect([both.viewId, both.conditions]).toEqual([7, null]);
    expect(placeQuery(both)).toBe("?filter_id=7");
  });

  it("leaves out of the URL a filter too long for it; the builder then offers saving it as a view", () => {
    const long = (n: number): FilterCondition[] => Array.from({ length: n }, () => ({ attribute_key: "name", filter_operator: "contains", values: ["ж".repeat(255)], query_operator: "and" as const }));
    expect(fitsInUrl(long(1))).toBe(true);
    expect(fitsInUrl(long(20))).toBe(false);
    expect(placeQuery({ ...DEFAULT_PLACE, conditions: long(20) })).toBe("");
    expect(writeFilterParam(long(1))!.length).toBeLessThanOrEqual(MAX_FILTER_PARAM);
    expect(readFilterParam(writeFilterParam(long(1)))).toEqual(long(1).map((c) => ({ ...c })));
  });

  it("keeps a label view and a team view in the URL and asks the API with labels[] and team_id", () => {
    const p = parsePlace(new URLSearchParams("label=VIP&team_id=3"));
    expect([p.label, p.teamId]).toEqual(["vip", 3]);
    expect(placeQuery(p)).toBe("?label=vip&team_id=3");
    expect(listQuery({ view: "all", status: "open", inboxId: null, sort: "last_activity_at_desc", label: "vip", teamId: 3 })).toBe(
      "?status=open&assignee_type=all&sort_by=last_activity_at_desc&labels%5B%5D=vip&team_id=3",
    );
    const r = toRow({ id: 12, inbox_id: 3, status: "open", labels: ["vip"], meta: { sender: { id: 5, name: "Ada" }, team: { id: 3, name: "Billing" } } })!;
    expect(matches(r, { ...all, status: "all", label: "vip", teamId: 3 }, ME)).toBe(true);
    expect(matches(r, { ...all, status: "all", label: "other" }, ME)).toBe(false);
    expect(matches(patchRow(r, { meta: { team: null } }), { ...all, status: "all", teamId: 3 }, ME)).toBe(false);
  });

  it("maps to the list API's parameters", () => {
    expect(listQuery({ view: "mine", status: "open", inboxId: 2, sort: "created_at_desc" }, "abc")).toBe("?status=open&assignee_type=me&sort_by=created_at_desc&inbox_id=2&cursor=abc");
  });
});
