import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from "./locales";

/**
 * The operator UI's language (as Chatwoot): the agent's own choice (`ui_settings.locale`) wins, then
 * the account's; someone not signed in (the login page) gets their browser's language when Parley has
 * it; English otherwise.
 */
export function chooseLocale({ user, account, acceptLanguage }: { user?: unknown; account?: unknown; acceptLanguage?: string | null }): Locale {
  if (isLocale(user)) return user;
  if (isLocale(account)) return account;
  return negotiateLocale(acceptLanguage) ?? DEFAULT_LOCALE;
}

/**
 * The widget's language: what the host page set (`Parley.setLocale`, the loader's `locale`), then the
 * inbox's account, then the visitor's browser when Parley has that language.
 */
export function chooseWidgetLocale({ requested, account, browser }: { requested?: unknown; account?: unknown; browser?: string | readonly string[] | null }): Locale {
  if (isLocale(requested)) return requested;
  if (isLocale(account)) return account;
  return negotiateLocale(browser) ?? DEFAULT_LOCALE;
}
