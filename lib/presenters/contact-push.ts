import type { Contact } from "@/db/schema";

/** `Contact#push_event_data` (chatwoot-api.md §1 ContactPush). */
export type ContactPush = {
  additional_attributes: Record<string, unknown>;
  custom_attributes: Record<string, unknown>;
  email: string | null;
  id: number;
  identifier: string | null;
  /** Parley: an identifier the visitor claimed without proof (issue #13 §1); absent when none. */
  unverified_identifier?: string;
  name: string;
  phone_number: string | null;
  thumbnail: string;
  blocked: boolean;
  type: "contact";
};

export function presentContactPush(c: Contact): ContactPush {
  const push: ContactPush = {
    additional_attributes: c.additionalAttributes,
    custom_attributes: c.customAttributes,
    email: c.email,
    id: c.id,
    identifier: c.identifier,
    name: c.name,
    phone_number: c.phoneNumber,
    thumbnail: "",
    blocked: c.blocked,
    type: "contact",
  };
  if (c.unverifiedIdentifier) push.unverified_identifier = c.unverifiedIdentifier;
  return push;
}
