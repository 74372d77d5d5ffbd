const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

/** "3m", "2h", "5d": the compact form agents scan in a list. */
export function compactAgo(date: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (seconds < 60) return "now";
  for (const [unit, size] of units) {
    if (seconds >= size) return `${Math.floor(seconds / size)}${unit === "month" ? "mo" : unit[0]}`;
  }
  return "now";
}

export function RelativeTime({ date, now }: { date: Date; now: Date }) {
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString("en-GB")} className="tabular-nums">
      {compactAgo(date, now)}
    </time>
  );
}
