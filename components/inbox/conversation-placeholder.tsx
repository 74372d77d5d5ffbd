export function ConversationPlaceholder() {
  return (
    <section aria-label="Conversation" className="flex min-w-0 flex-1 flex-col items-center justify-center bg-slate-50 p-8 text-center">
      <div className="rounded-full bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 text-brand-500" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M4 5h16v11H8l-4 4V5z" strokeLinejoin="round" />
        </svg>
      </div>
      <p className="mt-4 text-sm font-medium text-slate-700">Pick a conversation</p>
      <p className="mt-1 max-w-xs text-sm text-slate-500">Choose one from the list to read the thread and reply.</p>
    </section>
  );
}
