import { defaultAutoAssignmentConfig, type AutoAssignmentConfig, type Inbox } from "@/db/schema";

/** A3: one round-robin queue per inbox in the coordination store. */
export const roundRobinQueue = (inboxId: number) => `round-robin:inbox:${inboxId}`;

/** A2: one exact windowed counter of assignments per (inbox, agent); ids are conversation ids. */
export const fairDistributionKey = (inboxId: number, userId: number) => `assignments:inbox:${inboxId}:agent:${userId}`;

export type AssignmentConfig = { mode: AutoAssignmentConfig["mode"]; maxAssignmentLimit: number | null; fairLimit: number; fairWindowMs: number };

/**
 * The inbox's settings with the defaults filled in: rows written before a field existed, or by a
 * client that sent part of the object, still get SPEC §4's defaults. A limit of 0 or less means none.
 */
export function assignmentConfigOf(inbox: Pick<Inbox, "autoAssignmentConfig">): AssignmentConfig {
  const c = { ...defaultAutoAssignmentConfig, ...(inbox.autoAssignmentConfig ?? {}) };
  const positive = (n: unknown) => (typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.floor(n) : null);
  return {
    mode: c.mode === "balanced" ? "balanced" : "round_robin",
    maxAssignmentLimit: positive(c.max_assignment_limit),
    fairLimit: positive(c.fair_distribution_limit) ?? defaultAutoAssignmentConfig.fair_distribution_limit,
    fairWindowMs: (positive(c.fair_distribution_window_s) ?? defaultAutoAssignmentConfig.fair_distribution_window_s) * 1000,
  };
}
