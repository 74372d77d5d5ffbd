import { w } from "./words";

/** Names and times as the widget shows them, in the widget's language (the document's lang). */
const lang = () => document.documentElement.lang || undefined;

/** Up to two initials for an avatar without a photo. */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join("") || "?";

export const dayOf = (epoch: number) => new Date(epoch * 1000).toDateString();
export const timeOf = (epoch: number) => new Date(epoch * 1000).toLocaleTimeString(lang(), { hour: "2-digit", minute: "2-digit" });

/** Today's time, or the day for anything older (a conversation's last message on the home card). */
export const shortTime = (epoch: number) => (dayOf(epoch) === new Date().toDateString() ? timeOf(epoch) : new Date(epoch * 1000).toLocaleDateString(lang(), { day: "numeric", month: "short" }));

/** A date separator's words: today, yesterday, or the full date. */
export function dayLabel(epoch: number): string {
  const d = dayOf(epoch);
  if (d === new Date().toDateString()) return w("today");
  if (d === new Date(Date.now() - 86_400_000).toDateString()) return w("yesterday");
  return new Date(epoch * 1000).toLocaleDateString(lang(), { day: "numeric", month: "long", year: "numeric" });
}
