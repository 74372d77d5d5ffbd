/**
 * Small inline icons for buttons and rows. Inline SVG in the text's colour, never emoji: the operator
 * app must not depend on an emoji font being installed (without one a glyph shows as an empty box).
 */
const base = { "aria-hidden": true, viewBox: "0 0 20 20", fill: "none", stroke: "currentColor", strokeWidth: 1.6, strokeLinecap: "round", strokeLinejoin: "round" } as const;

export function TagIcon({ className = "h-4 w-4" }: { className?: string }) {
  return (
    <svg {...base} className={className}>
      <path d="M3 3.75h6.1l7.4 7.4a1.5 1.5 0 0 1 0 2.1l-3.25 3.25a1.5 1.5 0 0 1-2.1 0L3.75 9.1V3.75z" />
      <circle cx="6.75" cy="6.75" r="1.1" />
    </svg>
  );
}

export function TeamIcon({ className = "h-4 w-4" }: { className?: string }) {
  return (
    <svg {...base} className={className}>
      <circle cx="7.5" cy="7" r="2.6" />
      <path d="M2.75 16.25c.5-2.75 2.4-4.25 4.75-4.25s4.25 1.5 4.75 4.25" />
      <circle cx="13.75" cy="7.75" r="2.1" />
      <path d="M13.75 12c1.9 0 3.2 1.2 3.6 3.25" />
    </svg>
  );
}

export function PaperclipIcon({ className = "h-4 w-4" }: { className?: string }) {
  return (
    <svg {...base} className={className}>
      <path d="M15.5 9.25 9.9 14.85a3.5 3.5 0 0 1-4.95-4.95l6-6a2.33 2.33 0 0 1 3.3 3.3l-5.95 5.95a1.17 1.17 0 0 1-1.65-1.65l5.3-5.3" />
    </svg>
  );
}
