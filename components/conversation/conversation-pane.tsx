"use client";

/**
 * The right-hand column: header, thread, composer, and the collapsible contact panel
 * (`<section aria-label="Conversation">` and `<aside aria-label="Contact">`, SPEC U1/U2).
 * Placeholder until the conversation pane lands; the shell renders it for the selected conversation.
 */
export function ConversationPane(props: { displayId: number; onBack?: () => void }) {
  return (
    <section aria-label="Conversation" className="flex min-w-0 flex-1 items-center justify-center text-sm text-slate-500">
      Conversation #{props.displayId}
    </section>
  );
}
