import type { Availability, User } from "@/db/schema";

/** `User#push_event_data` (chatwoot-api.md §1 UserPush). */
export type UserPush = {
  id: number;
  name: string;
  available_name: string;
  avatar_url: string;
  type: "user";
  availability_status: Availability | null;
  thumbnail: string;
};

export type UserPushSource = Pick<User, "id" | "name" | "displayName">;

/** `availability` is the stored choice; the effective one (P2) is the presence layer's concern. */
export function presentUserPush(u: UserPushSource, availability: Availability | null = null): UserPush {
  return {
    id: u.id,
    name: u.name,
    available_name: availableName(u),
    avatar_url: "",
    type: "user",
    availability_status: availability,
    thumbnail: "",
  };
}

/** Chatwoot's `available_name`: the display name when set, else the name. */
export function availableName(u: Pick<User, "name" | "displayName">): string {
  return u.displayName?.trim() ? u.displayName : u.name;
}
