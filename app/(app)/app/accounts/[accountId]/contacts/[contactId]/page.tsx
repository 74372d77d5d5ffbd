import { getTranslations } from "next-intl/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContactPage } from "@/components/contacts/contact-page";
import { getDb } from "@/db/client";
import { listInboxesForUser } from "@/lib/inboxes/list-inboxes-for-user";
import { requireMemberPage } from "../member-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("contact") };
}

// /app/accounts/:accountId/contacts/:contactId – one contact (K3, K6); the page reads it through the API.
export default async function ContactRoute({ params }: { params: Promise<{ accountId: string; contactId: string }> }) {
  const { accountId, contactId } = await params;
  if (!/^\d{1,9}$/.test(contactId)) notFound();
  const { user, account } = await requireMemberPage(accountId, `contacts/${contactId}`);
  const inboxes = await listInboxesForUser(await getDb(), { accountId: account.id, user: { id: user.id, role: account.role } });
  return (
    <main className="h-dvh overflow-y-auto bg-slate-50 dark:bg-slate-950">
      <ContactPage accountId={account.id} contactId={Number(contactId)} isAdministrator={account.role === "administrator"} inboxes={inboxes.map((i) => ({ id: i.id, name: i.name }))} />
    </main>
  );
}
