import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, accountUsers, users, type Availability, type Role } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type ProfileAccount = {
  id: number;
  name: string;
  status: "active";
  active_at: string | null;
  role: Role;
  permissions: Role[];
  availability: Availability;
  availability_status: Availability;
  auto_offline: boolean;
};

/** Chatwoot's `api/v1/models/_user` (GET/PUT /api/v1/profile), with the parts Parley has. */
export type Profile = {
  access_token: string;
  account_id: number | null;
  available_name: string;
  avatar_url: string;
  confirmed: boolean;
  display_name: string | null;
  message_signature: string | null;
  email: string;
  id: number;
  inviter_id: number | null;
  name: string;
  provider: "email";
  pubsub_token: string;
  role: Role | null;
  ui_settings: Record<string, unknown>;
  uid: string;
  type: null;
  accounts: ProfileAccount[];
};

/**
 * The signed-in user's profile. The current account (Chatwoot's "active account user") is the first
 * one joined. `availability_status` is the chosen availability here; the effective one, which depends
 * on presence (P2), is the presence module's to report.
 */
export async function getProfileByUser({ db, userId }: { db: Db; userId: number }): Promise<Profile> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw AppError.notFound();
  const memberships = await db
    .select({ membership: accountUsers, accountName: accounts.name })
    .from(accountUsers)
    .innerJoin(accounts, eq(accounts.id, accountUsers.accountId))
    .where(eq(accountUsers.userId, userId))
    .orderBy(asc(accountUsers.id));
  const current = memberships[0]?.membership;
  return {
    access_token: user.accessToken,
    account_id: current?.accountId ?? null,
    available_name: user.displayName || user.name,
    avatar_url: "",
    confirmed: true,
    display_name: user.displayName,
    message_signature: null,
    email: user.email,
    id: user.id,
    inviter_id: null,
    name: user.name,
    provider: "email",
    pubsub_token: user.pubsubToken,
    role: current?.role ?? null,
    ui_settings: user.uiSettings,
    uid: user.email,
    type: null,
    accounts: memberships.map(({ membership: m, accountName }) => ({
      id: m.accountId,
      name: accountName,
      status: "active",
      active_at: null,
      role: m.role,
      permissions: [m.role],
      availability: m.availability,
      availability_status: m.availability,
      auto_offline: m.autoOffline,
    })),
  };
}
