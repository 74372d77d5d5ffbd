import type { Contact, Role } from "@/db/schema";
import { CHANNEL_CLASS } from "./conversation-push";
import { epoch } from "./time";
import { availableName } from "./user-push";

/** `api/v1/accounts/search/_contact`, keys in the view's order. */
export type SearchContact = {
  email: string | null;
  id: number;
  name: string;
  phone_number: string | null;
  identifier: string | null;
  additional_attributes: Record<string, unknown>;
  last_activity_at: number | null;
};

export function presentSearchContact(c: Contact): SearchContact {
  return {
    email: c.email,
    id: c.id,
    name: c.name,
    phone_number: c.phoneNumber,
    identifier: c.identifier,
    additional_attributes: c.additionalAttributes,
    last_activity_at: c.lastActivityAt ? epoch(c.lastActivityAt) : null,
  };
}

/** `search/_inbox`; an API inbox has no channel table, its id stands in for channel_id. */
export function presentSearchInbox(i: { id: number; name: string; channelType: keyof typeof CHANNEL_CLASS; widgetId: number | null }) {
  return { id: i.id, channel_id: i.widgetId ?? i.id, name: i.name, channel_type: CHANNEL_CLASS[i.channelType] };
}

/** `search/_agent`. */
export function presentSearchAgent(a: { id: number; name: string; displayName: string | null; email: string; role: Role }) {
  return { id: a.id, available_name: availableName(a), email: a.email, name: a.name, role: a.role };
}
