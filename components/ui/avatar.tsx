/** Initials on a colour derived from the name, so the same person always looks the same. */
const palette = ["bg-sky-700", "bg-violet-700", "bg-emerald-700", "bg-amber-700", "bg-rose-700", "bg-teal-700", "bg-indigo-700"];

export function Avatar({ name, size = "md" }: { name: string; size?: "sm" | "md" }) {
  const initials =
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((p) => p[0]!.toUpperCase())
      .join("") || "?";
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  const colour = palette[Math.abs(hash) % palette.length];
  const dims = size === "sm" ? "h-6 w-6 text-[10px]" : "h-9 w-9 text-xs";
  return (
    <span aria-hidden className={`${dims} ${colour} inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white`}>
      {initials}
    </span>
  );
}
