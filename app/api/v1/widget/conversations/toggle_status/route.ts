// GET|POST /api/v1/widget/conversations/toggle_status – the visitor ends the current conversation (403 when end_conversation is off, 404 without one)
import { toggleConversationStatus } from "@/lib/conversations/toggle-status";
import { AppError } from "@/lib/errors";
import { withWidget, type WidgetContext } from "@/lib/http/with-widget";
import { findCurrentConversation } from "@/lib/widget/current-conversation";

async function resolve({ db, inbox, widget, session }: WidgetContext<undefined, undefined, undefined, true>): Promise<Response> {
  if (!widget.featureEndConversation) throw new AppError("forbidden", "Ending conversations is turned off for this inbox");
  const c = await findCurrentConversation(db, { inbox, contactInbox: session.contactInbox });
  if (!c) throw AppError.notFound();
  // A visitor can only resolve, never reopen; resolving twice is a no-op (Chatwoot).
  if (c.status !== "resolved") await toggleConversationStatus(db, { conversationId: c.id, input: { status: "resolved" }, actor: { type: "contact", id: session.contact.id } });
  return new Response(null, { status: 200 });
}

// Chatwoot's widget calls it with GET; Parley's widget POSTs, as a change should.
export const GET = withWidget(resolve, { writes: true });
export const POST = withWidget(resolve);
