import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";

/** The contacts pages are for every member (contacts are account-wide, as in Chatwoot); others get a 404. */
export async function requireMemberPage(rawAccountId: string, path: string) {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/app/accounts/${rawAccountId}/${path}`)}`);
  const account = user.accounts.find((a) => String(a.id) === rawAccountId);
  if (!account) notFound();
  return { user, account };
}
