import { getDb, type Db } from "@/db/client";
import { requireAccountAdministrator } from "@/lib/auth/require-account-administrator";
import { getSessionUser } from "@/lib/auth/session";
import { AppError, type FieldErrors } from "@/lib/errors";
import { localiseApiError } from "@/lib/i18n/api-error-text";
import { CATALOGUES } from "@/lib/i18n/catalogues";
import { chooseLocale } from "@/lib/i18n/choose-locale";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { storedLocalesOfUser } from "@/lib/i18n/stored-locales";
import { translator } from "@/lib/i18n/translate";
import type { SessionUser } from "@/lib/auth/session-user";
import { formValues } from "./form-object";
import type { FormState } from "./form-state";

/** `t` translates into the caller's language, for the action's own answer. */
type Ctx = { db: Db; user: SessionUser; formData: FormData; t: ReturnType<typeof translator> };
type Work = (ctx: Ctx & { accountId: number }) => Promise<{ message?: string; secret?: string; keepValues?: boolean } | void>;

/**
 * The frame of every settings server action: server actions are public POST endpoints, so each one
 * re-reads the session and checks that the caller administers *that* account before anything else
 * (SPEC §10, §12). Domain errors become form state with the typed values kept; a refusal is a
 * message, never a write. Unexpected errors propagate to Next's error boundary.
 */
export async function runSettingsAction(accountId: number, formData: FormData, work: Work): Promise<FormState> {
  return runAction(
    formData,
    () => requireAccountAdministrator(accountId),
    (ctx) => work({ ...ctx, accountId }),
  );
}

/** The same frame for a user's own profile: any signed-in user, acting on themselves only. */
export async function runProfileAction(formData: FormData, work: (ctx: Ctx) => ReturnType<Work>): Promise<FormState> {
  return runAction(
    formData,
    async () => {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthorized", "You need to sign in or sign up before continuing.");
      return user;
    },
    work,
  );
}

async function runAction(formData: FormData, authorize: () => Promise<SessionUser>, work: (ctx: Ctx) => ReturnType<Work>): Promise<FormState> {
  // Passwords are never sent back into the page, even to the person who typed them.
  const values = Object.fromEntries(Object.entries(formValues(formData)).filter(([name]) => !name.includes("password")));
  // The answer is in the caller's language, as of after the work (a language change answers in the new one).
  let userId: number | null = null;
  const localeNow = async (): Promise<Locale> => (userId === null ? DEFAULT_LOCALE : chooseLocale(await storedLocalesOfUser(await getDb(), userId)));
  try {
    const user = await authorize();
    userId = user.id;
    const done = (await work({ db: await getDb(), user, formData, t: translator(await localeNow()) })) ?? {};
    const t = translator(await localeNow());
    return { status: "saved", values: done.keepValues === false ? {} : values, errors: {}, message: done.message ?? t("server.form.saved"), secret: done.secret };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const locale = await localeNow();
    const t = translator(locale);
    const message = err.code === "validation" ? t("server.form.correctFields") : err.code === "forbidden" ? t("server.form.adminsOnly") : localised(err.message, locale);
    return { status: "error", values, errors: localisedFields(err.fields ?? {}, locale), message };
  }
}

/** A domain error's English wording in the person's language (lib/i18n/api-error-text.ts). */
function localised(message: string, locale: Locale): string {
  const t = translator(locale) as unknown as (key: string, values?: Record<string, string>) => string;
  return localiseApiError(message, CATALOGUES.en.apiErrors, (key, values) => t(`apiErrors.${key}`, values));
}

function localisedFields(fields: FieldErrors, locale: Locale): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([name, messages]) => [name, messages.map((m) => localised(m, locale))]));
}
