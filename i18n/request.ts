import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/auth/secret";
import { readSessionToken, tokenUserId } from "@/lib/auth/session-token";
import { messagesFor } from "@/lib/i18n/catalogues";
import { chooseLocale } from "@/lib/i18n/choose-locale";
import { storedLocalesOfUser } from "@/lib/i18n/stored-locales";

/**
 * next-intl's per-request configuration (no locale in the URL): the signed-in agent's language, else
 * their account's, else the browser's (lib/i18n/choose-locale.ts). Read once per request.
 */
export default getRequestConfig(async () => {
  const token = await readSessionToken((await cookies()).getAll(), authSecret());
  const userId = tokenUserId(token);
  // The database being down must not take the login page with it: then the browser's language decides.
  const stored =
    userId === null
      ? {}
      : await getDb()
          .then((db) => storedLocalesOfUser(db, userId))
          .catch(() => ({}));
  const locale = chooseLocale({ ...stored, acceptLanguage: (await headers()).get("accept-language") });
  return { locale, messages: messagesFor(locale) };
});
