import { describe, expect, it } from "vitest";
import type { Contact, ContactInbox, Conversation, Message } from "@/db/schema";
import { presentContactPush } from "./contact-push";
import { presentConversationPush } from "./conversation-push";
import { presentMessagePush } from "./message-push";
import { presentUserPush } from "./user-push";

const T = new Date("2026-03-02T10:00:00.123Z");
const contact: Contact = {
  id: 7,
  accountId: 1,
  name: "Grace",
  email: null,
  phoneNumber: "+4915112345678",
  identifier: "crm-7",
  unverifiedIdentifier: null,
  additionalAttributes: {},
  customAttributes: { plan: "pro" },
  contactType: "visitor",
  lastActivityAt: null,
  blocked: false,
  labels: [],
  createdAt: T,
  updatedAt: T,
};
const conversation: Conversation = {
  id: 11,
  accountId: 1,
  inboxId: 3,
  contactId: 7,
  contactInboxId: 5,
  displayId: 42,
  uuid: "00000000-0000-4000-8000-000000000000",
  status: "snoozed",
  priority: null,
  assigneeId: null,
  assigneeAssignedAt: null,
  teamId: null,
  waitingSince: null,
  firstReplyCreatedAt: null,
  lastActivityAt: T,
  contactLastSeenAt: null,
  agentLastSeenAt: null,
  assigneeLastSeenAt: null,
  snoozedUntil: T,
  identifier: null,
  additionalAttributes: {},
  customAttributes: {},
  labels: ["vip"],
  createdAt: T,
  updatedAt: T,
};
const message: Message = {
  id: 99,
  accountId: 1,
  inboxId: 3,
  conversationId: 11,
  content: "hi",
  processedMessageContent: null,
  messageType: "template",
  contentType: "input_email",
  status: "sent",
  private: false,
  senderType: null,
  senderId: null,
  contentAttributes: {},
  additionalAttributes: {},
  externalSourceIds: {},
  sourceId: null,
  echoId: null,
  createdAt: T,
  updatedAt: T,
};
const contactInbox: ContactInbox = { id: 5, accountId: 1, contactId: 7, inboxId: 3, sourceId: "src", pubsubToken: "tok", hmacVerified: false, createdAt: T, updatedAt: T };

describe("Chatwoot push shapes (chatwoot-api.md §1, §E)", () => {
  it("ContactPush and UserPush", () => {
    expect(presentContactPush(contact)).toEqual({
      additional_attributes: {},
      custom_attributes: { plan: "pro" },
      email: null,
      id: 7,
      identifier: "crm-7",
      name: "Grace",
      phone_number: "+4915112345678",
      thumbnail: "",
      blocked: false,
      type: "contact",
    });
    expect(presentUserPush({ id: 2, name: "Alan Turing", displayName: "Alan" }, "busy")).toEqual({
      id: 2,
      name: "Alan Turing",
      available_name: "Alan",
      avatar_url: "",
      type: "user",
      availability_status: "busy",
      thumbnail: "",
    });
    expect(presentUserPush({ id: 2, name: "Alan Turing", displayName: null }).available_name).toBe("Alan Turing");
  });

  it("MessagePush: int message_type and epoch created_at, ISO updated_at, echo_id/attachments/sender only when present", () => {
    const push = presentMessagePush(message, { conversation: { displayId: 42, assigneeId: null, lastActivityAt: T, unreadCount: 0, sourceId: "src" }, attachments: [] });
    expect(push).toMatchObject({ id: 99, conversation_id: 42, message_type: 3, content_type: "input_email", created_at: 1772445600, updated_at: "2026-03-02T10:00:00.123Z", sender_type: null });
    expect(push.conversation).toEqual({ assignee_id: null, unread_count: 0, last_activity_at: 1772445600, contact_inbox: { source_id: "src" } });
    expect("echo_id" in push || "attachments" in push || "sender" in push).toBe(false);
  });

  it("ConversationPush: display id, 0 for missing epochs, ISO snoozed_until, float updated_at, null assignee", () => {
    const push = presentConversationPush({ conversation, channel: "web_widget", contact: presentContactPush(contact), contactInbox, assignee: null, lastMessage: null, unreadCount: 3 });
    expect(push).toMatchObject({
      id: 42,
      inbox_id: 3,
      channel: "Channel::WebWidget",
      status: "snoozed",
      labels: ["vip"],
      messages: [],
      unread_count: 3,
      priority: null,
      snoozed_until: "2026-03-02T10:00:00.123Z",
      first_reply_created_at: null,
      waiting_since: 0,
      agent_last_seen_at: 0,
      contact_last_seen_at: 0,
      last_activity_at: 1772445600,
      timestamp: 1772445600,
      created_at: 1772445600,
      updated_at: 1772445600.123,
      meta: { sender: { id: 7, type: "contact" }, assignee: null, assignee_type: null, team: null, hmac_verified: false },
      contact_inbox: { id: 5, source_id: "src", hmac_verified: false },
    });
    // The contact's realtime credential never travels in an event payload.
    expect(JSON.stringify(push)).not.toContain("tok");
  });
});
