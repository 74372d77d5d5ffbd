import { forbidden, notFound, redirect } from "next/navigation";
import { assertAccountAdministrator } from "@/lib/auth/account-administrator";
import { getSessionUser } from "@/lib/auth/session";

/**
 * Every page for administrators (settings, reports) starts here: signed out → login, not in the
 * account → 404 (SPEC §8), an agent → 403 page. Pages check for themselves because a layout is not
 * re-run on client navigation between its pages.
 */
export async function requireAdministratorPage(params: Promise<{ accountId: string }>, section: "settings" | "reports") {
  const { accountId } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/app/accounts/${accountId}/${section}`)}`);
  const account = user.accounts.find((a) => String(a.id) === accountId);
  if (!account) notFound();
  try {
    assertAccountAdministrator(user, account.id);
  } catch {
    forbidden();
  }
  return { user, account, base: `/app/accounts/${account.id}/${section}` };
}
