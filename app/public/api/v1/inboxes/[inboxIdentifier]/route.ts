// GET /public/api/v1/inboxes/{inbox_identifier} – the inbox as a Client API caller sees it (name, hours, identity validation)
import { withPublicInbox, publicPreflight } from "@/lib/http/with-public-inbox";
import { loadPublicInbox } from "@/lib/presenters/public-inbox";

export const GET = withPublicInbox(async ({ db, inbox, widget }) => Response.json(await loadPublicInbox(db, inbox, widget)));

export const OPTIONS = publicPreflight;
