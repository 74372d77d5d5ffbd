/**
 * SPEC U1 snooze presets, in the agent's local time as Chatwoot's: "Tomorrow" and "Next week" wake
 * at 09:00 (next week = the coming Monday); "Until next reply" has no time — the next incoming
 * message reopens it (toggle_status without snoozed_until).
 */
export const SNOOZE_PRESETS = ["1 hour", "Tomorrow", "Next week", "Until next reply"] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];

/** Epoch seconds to wake at, or null for "until next reply". */
export function snoozeUntil(preset: SnoozePreset, now: Date): number | null {
  const at9 = (daysAhead: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysAhead, 9, 0, 0, 0);
  switch (preset) {
    case "1 hour":
      return Math.floor(now.getTime() / 1000) + 3600;
    case "Tomorrow":
      return Math.floor(at9(1).getTime() / 1000);
    case "Next week": {
      const untilMonday = (8 - now.getDay()) % 7 || 7;
      return Math.floor(at9(untilMonday).getTime() / 1000);
    }
    case "Until next reply":
      return null;
  }
}
