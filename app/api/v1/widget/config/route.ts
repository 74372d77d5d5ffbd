// POST /api/v1/widget/config – the widget's configuration and the visitor's session (a new anonymous contact when the token is absent or invalid), with a fresh X-Auth-Token (W3); `?locale=` chooses the widget's language (422 when Parley lacks it)
import { z } from "zod";
import { withWidget } from "@/lib/http/with-widget";
import { chooseWidgetLocale } from "@/lib/i18n/choose-locale";
import { localeSchema } from "@/lib/i18n/locales";
import { accountLocale } from "@/lib/i18n/stored-locales";
import { openWidgetSession, presentWidgetConfig } from "@/lib/widget/widget-config";

export const POST = withWidget(
  async ({ req, db, inbox, widget, session, countLimit, query }) => {
    const opened = await openWidgetSession(db, { inbox, session, beforeCreate: () => countLimit("contact") });
    const locale = chooseWidgetLocale({ requested: query.locale, account: await accountLocale(db, inbox.accountId), browser: req.headers.get("accept-language") });
    return Response.json(await presentWidgetConfig(db, { inbox, widget, session: opened, locale }));
  },
  { contact: false, query: z.object({ locale: localeSchema.optional() }) },
);
