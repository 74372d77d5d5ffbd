import { AppError } from "@/lib/errors";
import type { SessionUser } from "./session-user";

/**
 * The one authorisation rule of the settings (SPEC §10): the caller must be signed in (401) and an
 * administrator of *that* account (403 — an administrator elsewhere is no administrator here).
 * Every settings page and server action goes through it, via requireAccountAdministrator.
 */
export function assertAccountAdministrator(user: SessionUser | null, accountId: number): SessionUser {
  if (!user) throw new AppError("unauthorized", "You need to sign in or sign up before continuing.");
  const membership = user.accounts.find((a) => a.id === accountId);
  if (membership?.role !== "administrator") throw new AppError("forbidden", "Only administrators can change settings");
  return user;
}
