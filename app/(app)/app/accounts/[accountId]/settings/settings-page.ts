import { forbidden, notFound, redirect } from "next/navigation";
import { assertAccountAdministrator } from "@/lib/auth/account-administrator";
import { getSessionUser } from "@/lib/auth/session";

/**
 * Every settings page and the settings layout start here: signed out → login, not in the account →
 * 404 (SPEC §8), an agent → 403 page. Pages check for themselves because a layout is not re-run on
 * client navigation between its pages.
 */
export async function requireSettingsPage(params: Promise<{ accountId: string }>) {
  const { accountId } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/app/accounts/${accountId}/settings`)}`);
  const account = user.accounts.find((a) => String(a.id) === accountId);
  if (!account) notFound();
  try {
    assertAccountAdministrator(user, account.id);
  } catch {
    forbidden();
  }
  return { user, account, base: `/app/accounts/${account.id}/settings` };
}
