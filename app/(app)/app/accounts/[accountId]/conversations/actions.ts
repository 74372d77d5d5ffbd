"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { loadOperatorCounts, type OperatorCounts } from "@/lib/conversations/operator-counts";

const input = z.object({
  accountId: z.number().int().positive(),
  status: z.enum(["open", "pending", "snoozed", "resolved", "all"]),
  inboxId: z.number().int().positive().nullable(),
});

/**
 * The operator app's counts after events (SPEC U1, U3). A server action is a public POST endpoint
 * (SPEC §12): it reads the session itself and answers only for an account the user belongs to, with
 * that membership's role deciding what is counted; anything else gets null and reads nothing.
 */
export async function refreshOperatorCounts(accountId: number, status: string, inboxId: number | null): Promise<OperatorCounts | null> {
  const parsed = input.safeParse({ accountId, status, inboxId });
  if (!parsed.success) return null;
  const user = await getSessionUser();
  const account = user?.accounts.find((a) => a.id === parsed.data.accountId);
  if (!user || !account) return null;
  return loadOperatorCounts(await getDb(), { accountId: account.id, user: { id: user.id, role: account.role }, status: parsed.data.status, inboxId: parsed.data.inboxId });
}
