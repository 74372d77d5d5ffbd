// POST /api/v1/widget/conversations/update_last_seen – the visitor has seen the current conversation: contact_last_seen_at and read marks (C6, E7); no-op without one
import { updateContactLastSeen } from "@/lib/conversations/last-seen";
import { withWidget } from "@/lib/http/with-widget";
import { findCurrentConversation } from "@/lib/widget/current-conversation";

export const POST = withWidget(async ({ db, inbox, session }) => {
  const c = await findCurrentConversation(db, { inbox, contactInbox: session.contactInbox });
  if (c) await updateContactLastSeen(db, { conversationId: c.id, contactId: c.contactId });
  return new Response(null, { status: 200 });
});
