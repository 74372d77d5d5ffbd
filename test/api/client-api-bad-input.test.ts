import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "@/db/client";
import { contacts } from "@/db/schema";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import { backends, closeTestDatabase, createTestDatabase, type TestDatabase } from "@/test/support/db";
import { buildContactInbox } from "@/test/support/engine-fixtures";
import { clientApi, type ClientCall } from "@/test/support/client-api";
import { buildClientWorld, rowCounts } from "@/test/support/client-world";

/**
 * SPEC §8 / R4 on every Client API endpoint: malformed JSON, wrong types, huge strings, odd Unicode and
 * unknown ids get a 4xx with a clear body, never a 500, and write nothing (row counts of contacts,
 * contact_inboxes, conversations, messages and events are unchanged).
 */
type Paths = { base: string; contact: string; conv: string; msg: string; otherConv: string; otherMsg: string };
type Case = [name: string, method: string, path: (p: Paths) => string, call: ClientCall, status: number];

const json = (raw: string): ClientCall => ({ body: raw, headers: { "content-type": "application/json" } });
const NUL = "a\u0000b";
const HUGE = "x".repeat(150_001);

const cases: Case[] = [
  ["§A0 unknown inbox", "GET", () => "/public/api/v1/inboxes/nope", {}, 404],
  ["§A0 NUL in the inbox identifier", "GET", () => "/public/api/v1/inboxes/a%00b", {}, 404],
  ["§A0 over-long identifier", "GET", () => `/public/api/v1/inboxes/${"t".repeat(300)}`, {}, 404],
  ["§A1 malformed JSON", "POST", (p) => `${p.base}/contacts`, json("{"), 400],
  ["§A1 not JSON", "POST", (p) => `${p.base}/contacts`, { body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } }, 415],
  ["§A1 body over 1 MB", "POST", (p) => `${p.base}/contacts`, { body: { name: "x".repeat(1_100_000) } }, 413],
  ["§A1 array body", "POST", (p) => `${p.base}/contacts`, { body: [] }, 422],
  ["§A1 name is a number", "POST", (p) => `${p.base}/contacts`, { body: { name: 5 } }, 422],
  ["§A1 huge name", "POST", (p) => `${p.base}/contacts`, { body: { name: HUGE } }, 422],
  ["§A1 NUL in name", "POST", (p) => `${p.base}/contacts`, { body: { name: NUL } }, 422],
  ["§A1 NUL in source_id", "POST", (p) => `${p.base}/contacts`, { body: { source_id: NUL } }, 422],
  ["§A1 blank source_id", "POST", (p) => `${p.base}/contacts`, { body: { source_id: "  " } }, 422],
  ["§A1 invalid email", "POST", (p) => `${p.base}/contacts`, { body: { email: "nobody" } }, 422],
  ["§A1 invalid phone", "POST", (p) => `${p.base}/contacts`, { body: { phone_number: "0049 151" } }, 422],
  ["§A1 custom_attributes a string", "POST", (p) => `${p.base}/contacts`, { body: { custom_attributes: "vip" } }, 422],
  ["§A1 NUL inside custom_attributes", "POST", (p) => `${p.base}/contacts`, { body: { custom_attributes: { k: NUL } } }, 422],
  ["§A1 identifier_hash a number", "POST", (p) => `${p.base}/contacts`, { body: { identifier: "u", identifier_hash: 7 } }, 422],
  ["§A1 wrong identifier_hash", "POST", (p) => `${p.base}/contacts`, { body: { identifier: "u", identifier_hash: "ab" } }, 401],
  ["§A2 unknown contact", "GET", (p) => `${p.base}/contacts/nobody`, {}, 404],
  ["§A2 NUL in identifier_hash", "GET", (p) => `${p.contact}?identifier=u&identifier_hash=%00`, {}, 422],
  ["§A2 wrong identifier_hash", "GET", (p) => `${p.contact}?identifier=u&identifier_hash=${"0".repeat(64)}`, {}, 401],
  ["§A3 malformed JSON", "PATCH", (p) => p.contact, json('{"name":'), 400],
  ["§A3 unknown contact", "PATCH", (p) => `${p.base}/contacts/nobody`, { body: { name: "x" } }, 404],
  ["§A3 email a number", "PUT", (p) => p.contact, { body: { email: 1 } }, 422],
  ["§A3 invalid email", "PATCH", (p) => p.contact, { body: { email: "a@" } }, 422],
  ["§A3 huge name", "PATCH", (p) => p.contact, { body: { name: HUGE } }, 422],
  ["§A4 unknown contact", "GET", (p) => `${p.base}/contacts/nobody/conversations`, {}, 404],
  ["§A5 malformed JSON", "POST", (p) => `${p.contact}/conversations`, json("[1,"), 400],
  ["§A5 custom_attributes an array", "POST", (p) => `${p.contact}/conversations`, { body: { custom_attributes: [1] } }, 422],
  ["§A5 NUL inside custom_attributes", "POST", (p) => `${p.contact}/conversations`, { body: { custom_attributes: { k: NUL } } }, 422],
  ["§A5 unknown contact", "POST", (p) => `${p.base}/contacts/nobody/conversations`, { body: {} }, 404],
  ["§A6 unknown conversation", "GET", (p) => `${p.contact}/conversations/999999`, {}, 404],
  ["§A6 id not a number", "GET", (p) => `${p.contact}/conversations/1e3`, {}, 404],
  ["§A6 id out of range", "GET", (p) => `${p.contact}/conversations/99999999999999999999`, {}, 404],
  ["§A6 another contact's conversation", "GET", (p) => p.otherConv, {}, 404],
  ["§A7 another contact's conversation", "POST", (p) => `${p.otherConv}/toggle_status`, {}, 404],
  ["§A7 malformed JSON", "POST", (p) => `${p.conv}/toggle_status`, json("nope"), 400],
  ["§A8 typing_status a number", "POST", (p) => `${p.conv}/toggle_typing`, { body: { typing_status: 1 } }, 422],
  ["§A8 malformed JSON", "POST", (p) => `${p.conv}/toggle_typing`, json("{'a':1}"), 400],
  ["§A8 another contact's conversation", "POST", (p) => `${p.otherConv}/toggle_typing`, { body: { typing_status: "on" } }, 404],
  ["§A9 another contact's conversation", "POST", (p) => `${p.otherConv}/update_last_seen`, {}, 404],
  ["§A9 unknown conversation", "POST", (p) => `${p.contact}/conversations/424242/update_last_seen`, {}, 404],
  ["§A10 before not a number", "GET", (p) => `${p.conv}/messages?before=abc`, {}, 422],
  ["§A10 before negative", "GET", (p) => `${p.conv}/messages?before=-1`, {}, 422],
  ["§A10 before past int4", "GET", (p) => `${p.conv}/messages?before=99999999999`, {}, 422],
  ["§A10 before just past int4", "GET", (p) => `${p.conv}/messages?before=2147483648`, {}, 422],
  ["§A6 id just past int4", "GET", (p) => `${p.contact}/conversations/2147483648`, {}, 404],
  ["§A12 message id just past int4", "PATCH", (p) => `${p.conv}/messages/2147483648`, { body: { submitted_values: [{ name: "a", value: 1 }] } }, 404],
  ["§A10 another contact's conversation", "GET", (p) => `${p.otherConv}/messages`, {}, 404],
  ["§A11 malformed JSON", "POST", (p) => `${p.conv}/messages`, json('{"content":"hi"'), 400],
  ["§A11 malformed multipart (attachments: test/attachments)", "POST", (p) => `${p.conv}/messages`, { body: "--b\r\n\r\n--b--", headers: { "content-type": "multipart/form-data; boundary=b" } }, 400],
  ["§A11 content a number", "POST", (p) => `${p.conv}/messages`, { body: { content: 42 } }, 422],
  ["§A11 content missing", "POST", (p) => `${p.conv}/messages`, { body: {} }, 422],
  ["§A11 content blank", "POST", (p) => `${p.conv}/messages`, { body: { content: "  \n " } }, 422],
  ["§A11 content over 150,000 characters", "POST", (p) => `${p.conv}/messages`, { body: { content: HUGE } }, 422],
  ["§A11 NUL in content", "POST", (p) => `${p.conv}/messages`, { body: { content: NUL } }, 422],
  ["§A11 echo_id an object", "POST", (p) => `${p.conv}/messages`, { body: { content: "hi", echo_id: { a: 1 } } }, 422],
  ["§A11 huge echo_id", "POST", (p) => `${p.conv}/messages`, { body: { content: "hi", echo_id: "e".repeat(300) } }, 422],
  ["§A11 NUL in echo_id", "POST", (p) => `${p.conv}/messages`, { body: { content: "hi", echo_id: NUL } }, 422],
  ["§A11 another contact's conversation", "POST", (p) => `${p.otherConv}/messages`, { body: { content: "hi" } }, 404],
  ["§A12 submitted_values missing", "PATCH", (p) => p.msg, { body: {} }, 422],
  ["§A12 submitted_values a string", "PATCH", (p) => p.msg, { body: { submitted_values: "x" } }, 422],
  ["§A12 value with NUL", "PATCH", (p) => p.msg, { body: { submitted_values: [{ name: "email", value: NUL }] } }, 422],
  ["§A12 invalid email", "PATCH", (p) => p.msg, { body: { submitted_values: [{ name: "email", value: "no" }] } }, 422],
  ["§A12 unknown message", "PATCH", (p) => `${p.conv}/messages/987654321`, { body: { submitted_values: [{ name: "a", value: 1 }] } }, 404],
  ["§A12 another conversation's message", "PUT", (p) => `${p.conv}/messages/${p.otherMsg.split("/").pop()}`, { body: { submitted_values: [{ name: "a", value: 1 }] } }, 404],
  ["§A12 malformed JSON", "PATCH", (p) => p.msg, json("{]"), 400],
];

describe.each(backends)("Client API bad input (%s)", (backend) => {
  let t: TestDatabase;
  let paths: Paths;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    installDatabase(t);
    const w = await buildClientWorld(t.db);
    const conversation = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: w.contact.id, contactInboxId: w.contactInbox.id });
    const ask = await createMessage(t.db, { conversationId: conversation.id, sender: { type: "user", id: w.agent.id }, input: { content: "Your email?", content_type: "input_email" } });
    const [stranger] = await t.db.insert(contacts).values({ accountId: w.account.id, name: "Stranger" }).returning();
    const strangerCi = await buildContactInbox(t.db, { accountId: w.account.id, contactId: stranger!.id, inboxId: w.inbox.id });
    const theirs = await createConversation(t.db, { accountId: w.account.id, inboxId: w.inbox.id, contactId: stranger!.id, contactInboxId: strangerCi.id });
    const theirMessage = await createMessage(t.db, { conversationId: theirs.id, sender: { type: "user", id: w.agent.id }, input: { content: "Yours?", content_type: "input_email" } });
    const conv = `${w.contactBase}/conversations/${conversation.displayId}`;
    paths = {
      base: w.base,
      contact: w.contactBase,
      conv,
      msg: `${conv}/messages/${ask.message.id}`,
      otherConv: `${w.contactBase}/conversations/${theirs.displayId}`,
      otherMsg: `${w.base}/contacts/${strangerCi.sourceId}/conversations/${theirs.displayId}/messages/${theirMessage.message.id}`,
    };
  });
  afterAll(async () => closeTestDatabase(t));

  it.each(cases)("%s → %s %#", async (_name, method, path, call, status) => {
    const before = await rowCounts(t.db);
    const res = await clientApi(method, path(paths), call);
    expect(res.status).toBe(status);
    expect(res.body).toBeTypeOf("object");
    expect(JSON.stringify(res.body)).toMatch(/"(error|message)"/);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("odd but valid Unicode (emoji, RTL, combining marks, a lone surrogate) is stored, not a 500", async () => {
    const name = "Zoë 👩🏽‍💻 مرحبا e\u0301 \ud800";
    const res = await clientApi("POST", `${paths.base}/contacts`, { body: { name } });
    expect(res.status).toBe(200);
    const sent = await clientApi("POST", `${paths.conv}/messages`, { body: { content: "ﷺ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202e" } });
    expect(sent.status).toBe(200);
  });
});
