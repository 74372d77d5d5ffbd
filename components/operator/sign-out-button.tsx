"use client";

import { useTranslations } from "next-intl";

/** next-auth's client is loaded on the click, not with the page (SPEC B5: first-load JS). */
export function SignOutButton() {
  const t = useTranslations("operator.sidebar");
  return (
    <button type="button" onClick={() => void import("next-auth/react").then(({ signOut }) => signOut({ callbackUrl: "/login" }))} className="ml-auto text-slate-400 hover:text-white">
      {t("signOut")}
    </button>
  );
}
