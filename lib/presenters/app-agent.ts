import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountUsers, users, type AccountUser, type Availability, type User } from "@/db/schema";
import { presentAgentIds } from "@/lib/presence/agent-presence";
import { effectiveAvailability } from "@/lib/presence/effective-availability";
import { coordination } from "@/lib/redis";
import { availableName } from "./user-push";

/** `api/v1/models/_agent` (chatwoot-api.md §1 Agent); `custom_attributes` is absent (Parley has none). */
export type Agent = {
  id: number;
  account_id: number;
  availability_status: Availability;
  auto_offline: boolean;
  confirmed: boolean;
  email: string;
  provider: "email";
  available_name: string;
  name: string;
  role: AccountUser["role"];
  thumbnail: string;
  custom_role_id: null;
};

export type AgentSource = Pick<User, "id" | "name" | "displayName" | "email"> & Pick<AccountUser, "accountId" | "role" | "availability" | "autoOffline">;

/** The columns an AgentSource is selected with (users joined to their account_users row). */
export const agentColumns = {
  id: users.id,
  name: users.name,
  displayName: users.displayName,
  email: users.email,
  accountId: accountUsers.accountId,
  role: accountUsers.role,
  availability: accountUsers.availability,
  autoOffline: accountUsers.autoOffline,
};

/**
 * The account's agents connected now (P1), for display: an unreachable coordination store shows every
 * agent by their own chosen availability instead of failing the request (R2).
 */
export async function connectedAgentIds(accountId: number, now: Date): Promise<Set<number>> {
  try {
    return await presentAgentIds(coordination(), accountId, now);
  } catch {
    return new Set();
  }
}

/** `present`: whether the agent is connected now (P1); the status shown is the effective one (P2). */
export function presentAgent(a: AgentSource, present: boolean): Agent {
  return {
    id: a.id,
    account_id: a.accountId,
    availability_status: effectiveAvailability(a, present),
    auto_offline: a.autoOffline,
    confirmed: true,
    email: a.email,
    provider: "email",
    available_name: availableName(a),
    name: a.name,
    role: a.role,
    thumbnail: "",
    custom_role_id: null,
  };
}

/** One member of the account as Agent (the assignments response), or null when not a member. */
export async function loadAgent(db: Db, { accountId, userId }: { accountId: number; userId: number }, now = new Date()): Promise<Agent | null> {
  const [row] = await db
    .select(agentColumns)
    .from(users)
    .innerJoin(accountUsers, and(eq(accountUsers.userId, users.id), eq(accountUsers.accountId, accountId)))
    .where(eq(users.id, userId));
  if (!row) return null;
  return presentAgent(row, (await connectedAgentIds(accountId, now)).has(userId));
}
