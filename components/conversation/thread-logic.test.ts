import { describe, expect, it } from "vitest";
import { conversationFromWire, isSameConversation } from "./conversation-view";
import { translator } from "@/lib/i18n/translate";
import { dayLabel, groupByDay } from "./day-groups";
import { deliveryOf } from "./read-marks";
import { snoozeUntil } from "./snooze-presets";
import { emptyThread, threadReducer, type ThreadState } from "./thread-state";
import { threadMessageFromWire, type ThreadMessage } from "./thread-message";
import { nextExpiry, TYPING_TIMEOUT_MS, typingLine, typingOff, typingOn, typingVisible } from "./typing-state";

const msg = (id: number, extra: Partial<ThreadMessage> = {}): ThreadMessage => ({
  id,
  content: `m${id}`,
  message_type: 1,
  private: false,
  status: "sent",
  created_at: 1_000 + id,
  content_attributes: {},
  sender: null,
  attachments: [],
  ...extra,
});
const pending = (echoId: string) => ({ echoId, content: "hi", private: false, files: [], createdAt: new Date() });

describe("threadReducer: pending messages reconciled by echo_id (composer-contract)", () => {
  it("the event first, then the POST answer: the message shows once and the pending entry goes", () => {
    let s: ThreadState = threadReducer(emptyThread, { type: "pending", message: pending("e1") });
    expect(s.pending.map((p) => p.echoId)).toEqual(["e1"]);
    s = threadReducer(s, { type: "upsert", message: msg(5, { echo_id: "e1" }) });
    expect(s.pending).toEqual([]);
    s = threadReducer(s, { type: "settled", echoId: "e1", message: msg(5) });
    expect(s.messages.map((m) => m.id)).toEqual([5]);
    expect(s.pending).toEqual([]);
  });

  it("the POST answer first, then the event: once", () => {
    let s = threadReducer(emptyThread, { type: "pending", message: pending("e2") });
    s = threadReducer(s, { type: "settled", echoId: "e2", message: msg(7) });
    s = threadReducer(s, { type: "upsert", message: msg(7, { echo_id: "e2" }) });
    expect(s.messages.map((m) => m.id)).toEqual([7]);
    expect(s.pending).toEqual([]);
  });

  it("an onPending that arrives after its message was stored adds nothing (a retry)", () => {
    let s = threadReducer(emptyThread, { type: "upsert", message: msg(9, { echo_id: "e3" }) });
    s = threadReducer(s, { type: "pending", message: pending("e3") });
    expect(s.pending).toEqual([]);
  });

  it("a refused message stays as failed with its error until dismissed", () => {
    let s = threadReducer(emptyThread, { type: "pending", message: pending("e4") });
    s = threadReducer(s, { type: "failed", echoId: "e4", error: "Too many messages" });
    expect(s.pending[0]).toMatchObject({ echoId: "e4", state: "failed", error: "Too many messages" });
    s = threadReducer(s, { type: "dismiss", echoId: "e4" });
    expect(s.pending).toEqual([]);
  });

  it("older pages prepend in id order without duplicates; a full page means more may exist", () => {
    let s = threadReducer(emptyThread, { type: "loaded", messages: Array.from({ length: 20 }, (_, i) => msg(21 + i)) });
    expect(s.hasOlder).toBe(true);
    s = threadReducer(s, { type: "older", messages: [msg(19), msg(20), msg(21)] });
    expect(s.messages.map((m) => m.id).slice(0, 3)).toEqual([19, 20, 21]);
    expect(s.messages).toHaveLength(22);
    expect(s.hasOlder).toBe(false);
  });

  it("message.updated replaces the stored message (e.g. status read, deleted)", () => {
    let s = threadReducer(emptyThread, { type: "loaded", messages: [msg(1), msg(2)] });
    s = threadReducer(s, { type: "upsert", message: msg(2, { status: "read" }) });
    expect(s.messages.map((m) => m.status)).toEqual(["sent", "read"]);
  });
});

describe("groupByDay", () => {
  const now = new Date(2026, 10, 25, 10, 0);
  it("labels Today, Yesterday, weekdays of the last week, then dates (year only when not this year)", () => {
    expect(dayLabel(new Date(2026, 10, 25, 0, 1), now, "en-GB")).toBe("Today");
    expect(dayLabel(new Date(2026, 10, 24, 23, 59), now, "en-GB")).toBe("Yesterday");
    expect(dayLabel(new Date(2026, 10, 21, 12), now, "en-GB")).toBe("Saturday");
    expect(dayLabel(new Date(2026, 9, 1, 12), now, "en-GB")).toMatch(/1 Oct/);
    expect(dayLabel(new Date(2025, 9, 1, 12), now, "en-GB")).toMatch(/2025/);
  });

  it("says the same in Russian through Intl, capitalised as a label", () => {
    expect(dayLabel(new Date(2026, 10, 25, 0, 1), now, "ru")).toBe("Сегодня");
    expect(dayLabel(new Date(2026, 10, 24, 23, 59), now, "ru")).toBe("Вчера");
    expect(dayLabel(new Date(2026, 10, 21, 12), now, "ru")).toBe("Суббота");
    expect(dayLabel(new Date(2026, 9, 1, 12), now, "ru")).toMatch(/1 окт/);
  });

  it("groups consecutive items of the same calendar day", () => {
    const times = [new Date(2026, 10, 24, 9), new Date(2026, 10, 24, 23), new Date(2026, 10, 25, 1), new Date(2026, 10, 25, 9)];
    const groups = groupByDay(times, (d) => d, now, "en");
    expect(groups.map((g) => [g.label, g.items.length])).toEqual([
      ["Yesterday", 2],
      ["Today", 2],
    ]);
  });
});

describe("deliveryOf (E7)", () => {
  it("outgoing: sent, delivered, read once the contact's last seen reaches it; failed wins", () => {
    expect(deliveryOf(msg(1, { created_at: 100 }), 0)).toBe("sent");
    expect(deliveryOf(msg(1, { created_at: 100, status: "delivered" }), 99)).toBe("delivered");
    expect(deliveryOf(msg(1, { created_at: 100 }), 100)).toBe("read");
    expect(deliveryOf(msg(1, { created_at: 100, status: "read" }), 0)).toBe("read");
    expect(deliveryOf(msg(1, { created_at: 100, status: "failed" }), 200)).toBe("failed");
  });
  it("incoming, private notes and activity have no mark", () => {
    expect(deliveryOf(msg(1, { message_type: 0 }), 5000)).toBeNull();
    expect(deliveryOf(msg(1, { private: true }), 5000)).toBeNull();
    expect(deliveryOf(msg(1, { message_type: 2 }), 5000)).toBeNull();
  });
});

describe("typing (E3: clears 30 s after the last signal)", () => {
  const grace = { key: "contact:1", name: "Grace", note: false };
  const sam = { key: "user:2", name: "Sam", note: true };
  it("shows a typist until 30 s pass; a new signal extends it; typing off removes only that typist", () => {
    const t = typingOn([], grace, 1_000);
    expect(typingVisible(t, 1_000 + TYPING_TIMEOUT_MS - 1).map((x) => x.name)).toEqual(["Grace"]);
    expect(typingVisible(t, 1_000 + TYPING_TIMEOUT_MS)).toEqual([]);
    expect(typingVisible(typingOn(t, grace, 20_000), 1_000 + TYPING_TIMEOUT_MS).map((x) => x.name)).toEqual(["Grace"]);
    const both = typingOn(t, sam, 5_000);
    expect(typingVisible(typingOff(both, "contact:1"), 6_000).map((x) => x.name)).toEqual(["Sam"]);
    expect(typingOff(both, "nobody")).toBe(both);
  });
  it("the next expiry is the earliest live one; lines say who and whether it is a note", () => {
    const both = typingOn(typingOn([], grace, 1_000), sam, 5_000);
    expect(nextExpiry(both, 2_000)).toBe(1_000 + TYPING_TIMEOUT_MS);
    expect(nextExpiry(both, 1_000 + TYPING_TIMEOUT_MS)).toBe(5_000 + TYPING_TIMEOUT_MS);
    expect(nextExpiry(both, 5_000 + TYPING_TIMEOUT_MS)).toBeNull();
    const words = (locale: "en" | "ru") => (key: "typing" | "typingNote", values: { name: string }) => translator(locale)(`conversation.thread.${key}`, values);
    expect(typingLine(grace, words("en"))).toBe("Grace is typing…");
    expect(typingLine(sam, words("en"))).toBe("Sam is writing a private note…");
    expect(typingLine(sam, words("ru"))).toBe("Sam пишет заметку…");
  });
});

describe("snoozeUntil (U1 presets, local time)", () => {
  const wednesday = new Date(2026, 10, 25, 15, 30);
  const at = (s: number | null) => new Date(s! * 1000);
  it("1 hour, tomorrow 09:00, next Monday 09:00, until next reply = no time", () => {
    expect(snoozeUntil("1 hour", wednesday)).toBe(Math.floor(wednesday.getTime() / 1000) + 3600);
    expect(at(snoozeUntil("Tomorrow", wednesday))).toEqual(new Date(2026, 10, 26, 9, 0));
    expect(at(snoozeUntil("Next week", wednesday))).toEqual(new Date(2026, 10, 30, 9, 0));
    expect(at(snoozeUntil("Next week", new Date(2026, 10, 30, 8, 0)))).toEqual(new Date(2026, 11, 7, 9, 0));
    expect(snoozeUntil("Until next reply", wednesday)).toBeNull();
  });
});

describe("wire adapters", () => {
  it("reads AppConversation and ConversationPush alike; matches events by display id and inbox", () => {
    const push = {
      id: 3,
      inbox_id: 7,
      status: "snoozed",
      priority: "urgent",
      meta: { sender: { id: 1, name: "Grace" }, assignee: { id: 2, name: "Alan", available_name: "Al" } },
      contact_last_seen_at: 55,
    };
    const v = conversationFromWire(push);
    expect(v).toMatchObject({ id: 3, status: "snoozed", priority: "urgent", assignee: { id: 2, name: "Al" }, contact: { name: "Grace" }, contact_last_seen_at: 55 });
    expect(conversationFromWire({ ...push, priority: "none", meta: { sender: {} } })).toMatchObject({ priority: null, assignee: null });
    expect(isSameConversation(v, { id: 3, inbox_id: 7 })).toBe(true);
    expect(isSameConversation(v, { id: 3, inbox_id: 8 })).toBe(false);
  });
  it("reads a message with its sender's available name", () => {
    expect(threadMessageFromWire({ id: 4, content: "x", message_type: 0, created_at: 9, sender: { id: 1, name: "n", available_name: "Nick", type: "user" } })).toMatchObject({
      id: 4,
      sender: { name: "Nick", type: "user" },
      attachments: [],
    });
  });
});

describe("visitDetails (contact panel)", () => {
  it("reads the widget's user agent, the seed's browser_name/platform_name, referer, language and initiated_at", async () => {
    const { visitDetails } = await import("./visit-details");
    const ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    expect(visitDetails({ browser: { user_agent: ua }, referer: "https://shop.example/cart", browser_language: "en-GB", initiated_at: { timestamp: "2026-11-25T09:00:00.000Z" } })).toEqual({
      page: "https://shop.example/cart",
      browser: "Chrome 131",
      os: "Windows",
      language: "en-GB",
      ip: null,
      startedAt: new Date("2026-11-25T09:00:00.000Z"),
    });
    expect(visitDetails({ browser: { browser_name: "Safari 18", platform_name: "macOS 15" } })).toMatchObject({ browser: "Safari 18", os: "macOS 15", page: null, startedAt: null });
  });
});

describe("submittedAnswers (interactive messages)", () => {
  it("lists titled answers, skips empty ones, falls back to submitted_email; text only", async () => {
    const { submittedAnswers } = await import("./submitted-answers");
    expect(
      submittedAnswers({
        submitted_values: [
          { name: "email", title: "Email", value: "a@b.c" },
          { name: "x", value: "" },
          { name: "n", value: 3 },
        ],
      }),
    ).toEqual(["Email: a@b.c", "n: 3"]);
    expect(submittedAnswers({ submitted_email: "v@example.com" })).toEqual(["v@example.com"]);
    expect(submittedAnswers({ submitted_values: "<b>nope</b>" })).toEqual([]);
    expect(submittedAnswers({})).toEqual([]);
  });
});
