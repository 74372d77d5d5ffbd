import type { Db } from "@/db/client";
import { events } from "@/db/schema";
import { AGENTS_ONLY_EVENTS, type EventType } from "./event-types";

export type AppendEventInput = {
  accountId: number;
  type: EventType;
  inboxId?: number | null;
  /** Internal conversation id (not display_id): the audience is resolved from it at delivery. */
  conversationId?: number | null;
  contactInboxId?: number | null;
  /** Agents only. Defaults to true for event types the contact never receives. */
  private?: boolean;
  /** Only this agent receives the event (NT2: notifications). */
  userId?: number | null;
  /**
   * What clients receive (`account_id` is added here). Domain code writes the payload event-types.ts
   * declares for `type` (EventPayloads); the outbox itself carries any JSON object.
   */
  payload: Record<string, unknown>;
};

/**
 * Writes one event to the outbox (E2). Callers pass their transaction so the event commits or rolls
 * back with the change it describes; delivery happens after commit, elsewhere.
 */
export async function appendEvent(db: Db, input: AppendEventInput): Promise<void> {
  await appendEvents(db, [input]);
}

/** Several events in one statement, in the order given (their ids, hence their positions, follow it). */
export async function appendEvents(db: Db, inputs: AppendEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await db.insert(events).values(
    inputs.map((input) => ({
      accountId: input.accountId,
      type: input.type,
      inboxId: input.inboxId ?? null,
      conversationId: input.conversationId ?? null,
      contactInboxId: input.contactInboxId ?? null,
      private: input.private === true || AGENTS_ONLY_EVENTS.has(input.type),
      userId: input.userId ?? null,
      // Chatwoot appends account_id to every broadcast payload.
      payload: { ...input.payload, account_id: input.accountId },
    })),
  );
}
