/** The widget as a visitor will see it — header in the inbox colour and the bubble — drawn from the form's current values. */
export function WidgetPreview({ colour, title, tagline, greeting, replyTime }: { colour: string; title: string; tagline: string; greeting: string | null; replyTime: string }) {
  const safe = /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#1f93ff";
  const reply = { in_a_few_minutes: "Typically replies in a few minutes", in_a_few_hours: "Typically replies in a few hours", in_a_day: "Typically replies in a day" }[replyTime] ?? "";
  return (
    <figure aria-label="Widget preview" className="flex flex-col items-end gap-3">
      <div className="w-72 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-lg">
        <div data-testid="preview-header" className="px-4 py-4 text-white" style={{ backgroundColor: safe }}>
          <p className="text-base font-semibold">{title || "Hi there 👋"}</p>
          <p className="mt-0.5 text-sm opacity-90">{tagline || "We make it simple to connect with us."}</p>
          <p className="mt-2 text-xs opacity-80">{reply}</p>
        </div>
        <div className="space-y-2 bg-slate-50 px-3 py-4">
          {greeting && <p className="max-w-[85%] rounded-lg rounded-tl-sm bg-white px-3 py-2 text-sm text-slate-800 shadow-xs">{greeting}</p>}
          <p className="ml-auto max-w-[70%] rounded-lg rounded-tr-sm px-3 py-2 text-sm text-white" style={{ backgroundColor: safe }}>
            Hello! I have a question.
          </p>
        </div>
        <div className="border-t border-slate-100 px-3 py-2 text-xs text-slate-400">Type your message…</div>
      </div>
      <span data-testid="preview-bubble" aria-hidden className="inline-flex h-12 w-12 items-center justify-center rounded-full text-white shadow-lg" style={{ backgroundColor: safe }}>
        <svg viewBox="0 0 24 24" className="h-6 w-6" fill="currentColor">
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
        </svg>
      </span>
      <figcaption className="sr-only">Preview of the chat widget</figcaption>
    </figure>
  );
}
