import type { Contact } from "@/db/schema";

/** `Contact#push_event_data` (chatwoot-api.md §1 ContactPush). */
export type ContactPush = {
  additional_attributes: Record<string, unknown>;
  custom_attributes: Record<string, unknown>;
  email: string | null;
  id: number;
  identifier: string | null;
  name: string;
  phone_number: string | null;
  thumbnail: string;
  blocked: boolean;
  type: "contact";
};

export function presentContactPush(c: Contact): ContactPush {
  return {
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
}
