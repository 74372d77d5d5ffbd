import type { Availability } from "@/components/operator/operator-context";

const COLOUR: Record<Availability, string> = { online: "bg-emerald-500", busy: "bg-amber-500", offline: "bg-slate-300 dark:bg-slate-600" };

/** An agent's live availability (P2) as a dot, with the word for screen readers. */
export function AvailabilityDot({ availability }: { availability: Availability }) {
  return (
    <span className="inline-flex items-center">
      <span aria-hidden className={`h-2 w-2 rounded-full ${COLOUR[availability]}`} />
      <span className="sr-only">({availability})</span>
    </span>
  );
}
