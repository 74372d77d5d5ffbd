import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentBots, contacts, users, type Role } from "@/db/schema";
import { availableName } from "@/lib/presenters/user-push";

/** Who made a change: it decides C3 self-assignment and the wording of activity messages (C8). */
export type Actor = { type: "user"; id: number; role: Role } | { type: "contact"; id: number } | { type: "agent_bot"; id: number } | { type: "system" };
export type UserActor = Extract<Actor, { type: "user" }>;

export const SYSTEM: Actor = { type: "system" };

/** The name activity messages show for an actor; null for the system. */
export async function actorName(db: Db, actor: Actor): Promise<string | null> {
  if (actor.type === "system") return null;
  if (actor.type === "user") {
    const [u] = await db.select({ name: users.name, displayName: users.displayName }).from(users).where(eq(users.id, actor.id));
    return u ? availableName(u) : null;
  }
  if (actor.type === "agent_bot") {
    const [b] = await db.select({ name: agentBots.name }).from(agentBots).where(eq(agentBots.id, actor.id));
    return b?.name ?? null;
  }
  const [c] = await db.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, actor.id));
  return c?.name ?? null;
}
