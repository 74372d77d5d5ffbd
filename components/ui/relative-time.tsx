const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

const formats = new Map<string, Intl.NumberFormat>();
function unitFormat(locale: string, unit: string): Intl.NumberFormat {
  const key = `${locale}|${unit}`;
  let f = formats.get(key);
  // Narrow units ("3m", "3 мин"), except months, whose narrow form is a minute's in English.
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: unit === "month" ? "short" : "narrow" })));
  return f;
}

/** "3m", "2h", "5d" (in Russian "3 мин", "2 ч", "5 д."): the compact form agents scan in a list, through Intl. */
export function compactAgo(date: Date, now: Date, locale: string): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  for (const [unit, size] of units) {
    if (seconds >= size) return unitFormat(locale, unit).format(Math.floor(seconds / size));
  }
  return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(0, "second");
}
