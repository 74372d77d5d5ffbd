import { redirect } from "next/navigation";
import { requireSettingsPage } from "./settings-page";

// /app/accounts/:accountId/settings – opens on the inboxes.
export default async function SettingsIndex({ params }: { params: Promise<{ accountId: string }> }) {
  const { base } = await requireSettingsPage(params);
  redirect(`${base}/inboxes`);
}
