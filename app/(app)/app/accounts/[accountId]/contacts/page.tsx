import { getTranslations } from "next-intl/server";
import type { Metadata } from "next";
import { ContactsWorkspace } from "@/components/contacts/contacts-workspace";
import { requireMemberPage } from "./member-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("metadata"))("contacts") };
}

// /app/accounts/:accountId/contacts – the contacts workspace (K5): list, search, filters, import/export.
export default async function ContactsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const { account } = await requireMemberPage(accountId, "contacts");
  return (
    <main className="h-dvh">
      <ContactsWorkspace accountId={account.id} isAdministrator={account.role === "administrator"} />
    </main>
  );
}
