import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";

// /app – sends a signed-in user to their current account's inbox.
export default async function AppHome() {
  const user = await getSessionUser();
  if (!user) redirect("/login?callbackUrl=/app");
  const account = user.accounts[0];
  if (!account) {
    const t = await getTranslations("app");
    return (
      <main className="flex min-h-full items-center justify-center p-8">
        <div className="max-w-sm rounded-xl bg-white dark:bg-slate-900 p-6 text-center shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
          <h1 className="text-base font-semibold">{t("noWorkspace")}</h1>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("noWorkspaceBody")}</p>
        </div>
      </main>
    );
  }
  redirect(`/app/accounts/${account.id}/conversations`);
}
