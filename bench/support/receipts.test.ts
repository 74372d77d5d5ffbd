import { describe, expect, it } from "vitest";
import { receiptCounter } from "./receipts";
import { sseFrames } from "./sse-load";

/**
 * bench:realtime's counting (B1, E5). The idle run of session 5 read "lost −500" at 500 subscribers:
 * the old counter took every `"content":"bench-<n>-` in the raw chunks as a receipt, and the
 * administrator's `notification.created` ("new message on your conversation", NT3) quotes the
 * conversation with its last message, so each stream counted that message twice. These frames are
 * the wire's shapes.
 */
const message = (id: number, n: number) => `id: ${id}\nevent: message.created\ndata: {"id":${900 + n},"content":"bench-${n}-parley-2","message_type":0}\n\n`;
const notification = (id: number, n: number) =>
  `id: ${id}\nevent: notification.created\ndata: {"notification":{"primary_actor":{"messages":[{"content":"bench-${n}-parley-2"}]}},"unread_count":1}\n\n`;

function run(text: string[], sent: number[]) {
  const counter = receiptCounter(1, new Map(sent.map((n) => [n, 0])));
  const frames = sseFrames();
  for (const chunk of text) for (const frame of frames.push(chunk)) counter.onFrame(0, frame, 5);
  return counter;
}

describe("bench:realtime receipts", () => {
  it("counts a message once although a notification quotes it, and says which events quoted it", () => {
    const c = run([": connected\n\n", 'id: 10\nevent: ready\ndata: {"seq":10}\n\n', message(11, 1), notification(12, 1), message(13, 2)], [1, 2]);
    expect(c.received).toBe(2);
    expect(c.duplicates).toBe(0);
    expect(c.outOfOrder).toBe(0);
    expect(c.quotedBy).toEqual({ "notification.created": 1 });
    expect(c.latencies).toEqual([5, 5]);
  });

  it("reports a message delivered twice as a duplicate and a repeated id as out of order, never as negative loss", () => {
    const c = run([message(11, 1), message(12, 2), message(12, 2)], [1, 2]);
    expect(c.received).toBe(2);
    expect(c.duplicates).toBe(1);
    expect(c.outOfOrder).toBe(1);
  });

  it("finds a frame split across chunks, marker and all", () => {
    const whole = message(11, 1) + message(12, 2);
    const c = run([whole.slice(0, 40), whole.slice(40, 90), whole.slice(90)], [1, 2]);
    expect(c.received).toBe(2);
  });

  it("ignores markers of other rounds and frames that carry none", () => {
    const c = run([message(11, 7), 'id: 12\nevent: conversation.updated\ndata: {"messages":[]}\n\n'], [1]);
    expect(c.received).toBe(0);
    expect(c.quotedBy).toEqual({});
  });
});
