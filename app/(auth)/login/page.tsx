import { getTranslations } from "next-intl/server";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { INVALID_CREDENTIALS } from "@/lib/auth/login-errors";
import { getSessionUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("signIn") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Signed-in people skip the form; the user is re-read from the database, so a stale cookie of a
  // deleted user shows the form instead of bouncing between here and the app.
  if (await signedIn()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : null;
  const t = await getTranslations("login");

  return (
    <main className="flex min-h-full flex-col items-center justify-center bg-gradient-to-b from-brand-50 dark:from-brand-500/15 via-slate-50 to-slate-100 dark:to-slate-800 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2.5">
          <span aria-hidden className="inline-flex h-9 w-9 items-center justify-center rounded-xl bg-brand-600 text-lg font-bold text-white shadow-sm">
            P
          </span>
          <span className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100">Parley</span>
        </div>
        <div className="rounded-2xl border border-slate-200/80 dark:border-slate-700/80 bg-white dark:bg-slate-900 p-8 shadow-xl shadow-slate-200/60 dark:shadow-black/40">
          <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{t("welcome")}</p>
          <LoginForm callbackUrl={callbackUrl} initialError={error === INVALID_CREDENTIALS ? error : error ? "unavailable" : null} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500 dark:text-slate-400">{t("tagline")}</p>
      </div>
    </main>
  );
}

async function signedIn(): Promise<boolean> {
  try {
    return (await getSessionUser()) !== null;
  } catch {
    // The database being down must not take the login page with it.
    return false;
  }
}
