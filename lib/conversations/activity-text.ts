import type { ConversationStatus } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";

/**
 * The words of activity messages (C8), in the account's language at the moment of the change:
 * stored as written, like any message. English is Chatwoot's wording (config/locales/en.yml
 * `conversations.activity`), which clients may match on.
 */
export function statusActivityText(locale: Locale, status: ConversationStatus, name: string | null, reason: "incoming" | "snooze_expired" | "bot_unavailable" | undefined): string {
  const t = translator(locale);
  if (reason === "bot_unavailable") return t("server.activity.botUnavailable", { name: name ?? "Bot" });
  if (!name) {
    if (reason === "incoming") return t("server.activity.reopenedIncoming");
    if (reason === "snooze_expired") return t("server.activity.reopenedSnoozeExpired");
    return status === "open" ? t("server.activity.reopenedBySystem") : t("server.activity.markedBySystem", { status });
  }
  switch (status) {
    case "open":
      return t("server.activity.reopenedBy", { name });
    case "resolved":
      return t("server.activity.resolvedBy", { name });
    case "pending":
      return t("server.activity.pendingBy", { name });
    case "snoozed":
      return t("server.activity.snoozedBy", { name });
  }
}

/** Assignment activity: unassigned, self-assigned, assigned by someone, or by round robin. */
export function assignmentActivityText(locale: Locale, change: { assignee: string | null; by: string | null; self: boolean }): string {
  const t = translator(locale);
  if (change.assignee === null) return change.by ? t("server.activity.unassignedBy", { name: change.by }) : t("server.activity.unassignedBySystem");
  if (change.self && change.by) return t("server.activity.selfAssigned", { name: change.by });
  return change.by ? t("server.activity.assignedBy", { assignee: change.assignee, name: change.by }) : t("server.activity.autoAssigned", { assignee: change.assignee });
}
