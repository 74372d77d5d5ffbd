import type { Contact, ContactInbox } from "@/db/schema";
import { iso } from "./time";

/** chatwoot-api.md §1 PublicContactSession: what a Client API caller keeps to act as the contact. */
export type PublicContactSession = {
  source_id: string;
  pubsub_token: string;
  id: number;
  name: string;
  email: string | null;
  phone_number: string | null;
};

export function presentPublicContactSession(contact: Contact, contactInbox: ContactInbox): PublicContactSession {
  return {
    source_id: contactInbox.sourceId,
    pubsub_token: contactInbox.pubsubToken,
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone_number: contact.phoneNumber,
  };
}

/**
 * chatwoot-api.md §1 RawContact (`as_json` of Contact, column order). Parley has no middle/last name,
 * location, country or company columns; they are emitted with Chatwoot's defaults so parsers that
 * expect the keys keep working.
 */
export type RawContact = {
  id: number;
  name: string;
  email: string | null;
  phone_number: string | null;
  account_id: number;
  created_at: string | null;
  updated_at: string | null;
  additional_attributes: Record<string, unknown>;
  identifier: string | null;
  custom_attributes: Record<string, unknown>;
  last_activity_at: string | null;
  contact_type: string;
  middle_name: string;
  last_name: string;
  location: string;
  country_code: string;
  blocked: boolean;
  company_id: number | null;
};

export function presentRawContact(c: Contact): RawContact {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone_number: c.phoneNumber,
    account_id: c.accountId,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    additional_attributes: c.additionalAttributes,
    identifier: c.identifier,
    custom_attributes: c.customAttributes,
    last_activity_at: iso(c.lastActivityAt),
    contact_type: c.contactType,
    middle_name: "",
    last_name: "",
    location: "",
    country_code: "",
    blocked: c.blocked,
    company_id: null,
  };
}
