import type { useTranslations } from "next-intl";

type T = ReturnType<typeof useTranslations<"reports">>;

/** Seconds as the two largest units ("1 h 5 min"), or a dash without a value. */
export function formatDuration(t: T, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return t("duration.none");
  const s = Math.round(seconds);
  if (s < 60) return t("duration.seconds", { n: s });
  if (s < 3600) return t("duration.minutes", { m: Math.floor(s / 60), s: s % 60 });
  if (s < 86_400) return t("duration.hours", { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  return t("duration.days", { d: Math.floor(s / 86_400), h: Math.floor((s % 86_400) / 3600) });
}

/** Change against the previous period in percent, or null when there is nothing to compare with. */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}
