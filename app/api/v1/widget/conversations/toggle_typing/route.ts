// POST /api/v1/widget/conversations/toggle_typing – the visitor's typing indicator for agents (E3: never echoed to the visitor); 404 without a conversation
import { z } from "zod";
import { toggleContactTyping } from "@/lib/conversations/contact-typing";
import { AppError } from "@/lib/errors";
import { withWidget } from "@/lib/http/with-widget";
import { findCurrentConversation } from "@/lib/widget/current-conversation";

export const POST = withWidget(
  async ({ db, inbox, session, body }) => {
    const c = await findCurrentConversation(db, { inbox, contactInbox: session.contactInbox });
    if (!c) throw AppError.notFound();
    // Chatwoot answers other values with 200 and no event.
    if (body.typing_status === "on" || body.typing_status === "off") await toggleContactTyping(db, { conversation: c, contactId: session.contact.id, status: body.typing_status });
    return new Response(null, { status: 200 });
  },
  { body: z.object({ typing_status: z.string().max(16).nullish() }) },
);
