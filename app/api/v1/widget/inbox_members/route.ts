// GET /api/v1/widget/inbox_members – the inbox's agents for the widget's home view: public name and availability (W9, Chatwoot's payload shape)
import { withWidget } from "@/lib/http/with-widget";
import { listWidgetInboxMembers } from "@/lib/widget/widget-inbox-members";

export const GET = withWidget(async ({ db, inbox }) => Response.json({ payload: await listWidgetInboxMembers(db, inbox) }));
