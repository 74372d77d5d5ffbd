import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactInboxes, inboxes, inboxMembers, webWidgets, type Contact, type Role } from "@/db/schema";
import { presentContactIds } from "@/lib/presence/agent-presence";
import { coordination } from "@/lib/redis";
import { CHANNEL_CLASS } from "./conversation-push";
import { epoch } from "./time";

export type AppContactInbox = {
  source_id: string;
  inbox: { id: number; avatar_url: string; channel_id: number; name: string; channel_type: string; provider: string | null };
};

/** `api/v1/models/_contact` (chatwoot-api.md §1 AppContact), key order as emitted. */
export type AppContact = {
  additional_attributes: Record<string, unknown>;
  availability_status: "online" | "offline";
  email: string | null;
  id: number;
  name: string;
  phone_number: string | null;
  blocked: boolean;
  identifier: string | null;
  /** Parley: an identifier the visitor claimed without proof (issue #13 §1); absent when none. */
  unverified_identifier?: string;
  thumbnail: string;
  custom_attributes: Record<string, unknown>;
  last_activity_at?: number;
  created_at?: number;
  contact_inboxes?: AppContactInbox[];
};

/** `last_activity_at` is absent (not 0) when NULL: the view writes it inside an `if`. */
export function presentAppContact(c: Contact, { online, contactInboxes }: { online: boolean; contactInboxes?: AppContactInbox[] }): AppContact {
  const out: AppContact = {
    additional_attributes: c.additionalAttributes,
    availability_status: online ? "online" : "offline",
    email: c.email,
    id: c.id,
    name: c.name,
    phone_number: c.phoneNumber,
    blocked: c.blocked,
    identifier: c.identifier,
    thumbnail: "",
    custom_attributes: c.customAttributes,
  };
  if (c.unverifiedIdentifier) out.unverified_identifier = c.unverifiedIdentifier;
  if (c.lastActivityAt) out.last_activity_at = epoch(c.lastActivityAt);
  out.created_at = epoch(c.createdAt);
  if (contactInboxes) out.contact_inboxes = contactInboxes;
  return out;
}

/**
 * The visitors present now (P2 "visitors' presence is tracked the same way"). Display only: when the
 * coordination store is unreachable everyone is shown offline rather than failing the request.
 */
export async function onlineContactIds(accountId: number, now = new Date()): Promise<Set<number>> {
  try {
    return await presentContactIds(coordination(), accountId, now);
  } catch {
    return new Set();
  }
}

/** Who is looking: an agent sees only the contact_inboxes of inboxes they are a member of. */
export type ContactViewer = { id: number; role: Role };

/**
 * AppContacts with their contact_inboxes (the /contacts endpoints): one query for all of them.
 * Contacts are account-wide, but a contact_inbox's source_id is a credential of that inbox's Client
 * API (with the inbox's public token it reads and writes the conversation), so an agent gets only
 * those of their own inboxes — in the query (issue #13 §4); administrators get all.
 */
export async function loadAppContacts(db: Db, rows: Contact[], options: { viewer: ContactViewer; withContactInboxes?: true } | { withContactInboxes: false }): Promise<AppContact[]> {
  if (!rows.length) return [];
  const online = await onlineContactIds(rows[0]!.accountId);
  const byContact = new Map<number, AppContactInbox[]>();
  if (options.withContactInboxes !== false) {
    const { viewer } = options;
    const cis = await db
      .select({ contactId: contactInboxes.contactId, sourceId: contactInboxes.sourceId, inbox: { id: inboxes.id, name: inboxes.name, channelType: inboxes.channelType }, widgetId: webWidgets.id })
      .from(contactInboxes)
      .innerJoin(inboxes, eq(inboxes.id, contactInboxes.inboxId))
      .leftJoin(webWidgets, eq(webWidgets.inboxId, inboxes.id))
      .where(
        and(
          inArray(
            contactInboxes.contactId,
            rows.map((c) => c.id),
          ),
          viewer.role === "administrator" ? undefined : inArray(contactInboxes.inboxId, db.select({ id: inboxMembers.inboxId }).from(inboxMembers).where(eq(inboxMembers.userId, viewer.id))),
        ),
      )
      .orderBy(contactInboxes.id);
    for (const ci of cis) {
      const list = byContact.get(ci.contactId) ?? [];
      list.push({
        source_id: ci.sourceId,
        // API inboxes have no channel table of their own; the inbox id stands in for channel_id.
        inbox: { id: ci.inbox.id, avatar_url: "", channel_id: ci.widgetId ?? ci.inbox.id, name: ci.inbox.name, channel_type: CHANNEL_CLASS[ci.inbox.channelType], provider: null },
      });
      byContact.set(ci.contactId, list);
    }
  }
  return rows.map((c) => presentAppContact(c, { online: online.has(c.id), contactInboxes: options.withContactInboxes !== false ? (byContact.get(c.id) ?? []) : undefined }));
}
