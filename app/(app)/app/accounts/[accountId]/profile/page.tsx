import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CopyBox } from "@/components/settings/copy-box";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { isLocale, LOCALE_NAMES, LOCALES, toLocale } from "@/lib/i18n/locales";
import { storedLocalesOfUser } from "@/lib/i18n/stored-locales";
import { getProfileByUser } from "@/lib/profile/profile";
import { THEMES, toTheme } from "@/components/ui/theme";
import { changePasswordAction, rotateTokenAction, updateLocaleAction, updateNameAction, updateThemeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("profile") };
}

// /app/accounts/:accountId/profile – every user's own name, language, password and API access token (SPEC §10).
export default async function ProfilePage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/app/accounts/${accountId}/profile`)}`);
  const account = user.accounts.find((a) => String(a.id) === accountId);
  if (!account) notFound();
  const db = await getDb();
  const [profile, stored] = await Promise.all([getProfileByUser({ db, userId: user.id }), storedLocalesOfUser(db, user.id)]);
  const t = await getTranslations("profile");
  const tl = await getTranslations("languages");
  const save = (await getTranslations("settings.form"))("save");
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:px-8">
      <Link href={`/app/accounts/${account.id}/conversations`} className="text-xs text-slate-500 dark:text-slate-400 hover:text-slate-800 dark:hover:text-slate-100">
        {t("back")}
      </Link>
      <div className="mt-2">
        <PageHeader title={t("title")} description={user.email} />
      </div>
      <div className="space-y-5">
        <Section title={t("name")}>
          <SimpleForm
            action={updateNameAction}
            submitLabel={save}
            fields={[
              { name: "name", label: t("fullName"), defaultValue: profile.name, span: 3 },
              { name: "display_name", label: t("displayName"), defaultValue: profile.display_name ?? "", span: 3, hint: t("displayNameHint") },
            ]}
          />
        </Section>
        <Section title={t("language")}>
          <SimpleForm
            action={updateLocaleAction}
            submitLabel={save}
            fields={[
              {
                name: "locale",
                label: t("languageLabel"),
                type: "select",
                defaultValue: isLocale(stored.user) ? stored.user : "",
                span: 3,
                hint: t("languageHint"),
                options: [{ value: "", label: tl("followAccount", { language: LOCALE_NAMES[toLocale(stored.account)] }) }, ...LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))],
              },
            ]}
          />
        </Section>
        <Section title={t("theme")}>
          <SimpleForm
            action={updateThemeAction}
            submitLabel={save}
            fields={[
              {
                name: "theme",
                label: t("themeLabel"),
                type: "select",
                defaultValue: toTheme(profile.ui_settings.theme),
                span: 3,
                hint: t("themeHint"),
                options: THEMES.map((v) => ({ value: v, label: t(`themes.${v}`) })),
              },
            ]}
          />
        </Section>
        <Section title={t("password")}>
          <SimpleForm
            action={changePasswordAction}
            submitLabel={t("changePassword")}
            fields={[
              { name: "current_password", label: t("currentPassword"), type: "password", span: 2 },
              { name: "password", label: t("newPassword"), type: "password", span: 2 },
              { name: "password_confirmation", label: t("confirmPassword"), type: "password", span: 2 },
            ]}
          />
        </Section>
        <Section title={t("token")} description={t("tokenDescription")}>
          <CopyBox label={t("token")} text={profile.access_token} secret />
          <div className="mt-3">
            <SimpleForm action={rotateTokenAction} fields={[]} submitLabel={t("rotate")} kind="secondary" confirm={t("rotateConfirm")} />
          </div>
        </Section>
      </div>
    </main>
  );
}
