import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CopyBox } from "@/components/settings/copy-box";
import { PageHeader, Section } from "@/components/settings/form-parts";
import { SimpleForm } from "@/components/settings/simple-form";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { getProfileByUser } from "@/lib/profile/profile";
import { changePasswordAction, rotateTokenAction, updateNameAction } from "./actions";

export const metadata: Metadata = { title: "Profile" };

// /app/accounts/:accountId/profile – every user's own name, password and API access token (SPEC §10).
export default async function ProfilePage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/app/accounts/${accountId}/profile`)}`);
  const account = user.accounts.find((a) => String(a.id) === accountId);
  if (!account) notFound();
  const profile = await getProfileByUser({ db: await getDb(), userId: user.id });
  return (
    <main className="mx-auto max-w-3xl px-8 py-6">
      <Link href={`/app/accounts/${account.id}/conversations`} className="text-xs text-slate-500 hover:text-slate-800">
        ← Conversations
      </Link>
      <div className="mt-2">
        <PageHeader title="Profile" description={user.email} />
      </div>
      <div className="space-y-5">
        <Section title="Name">
          <SimpleForm
            action={updateNameAction}
            submitLabel="Save"
            fields={[
              { name: "name", label: "Full name", defaultValue: profile.name, span: 3 },
              { name: "display_name", label: "Display name", defaultValue: profile.display_name ?? "", span: 3, hint: "Shown to visitors instead of your full name" },
            ]}
          />
        </Section>
        <Section title="Password">
          <SimpleForm
            action={changePasswordAction}
            submitLabel="Change password"
            fields={[
              { name: "current_password", label: "Current password", type: "password", span: 2 },
              { name: "password", label: "New password", type: "password", span: 2 },
              { name: "password_confirmation", label: "Confirm new password", type: "password", span: 2 },
            ]}
          />
        </Section>
        <Section title="API access token" description="Send it as the api_access_token header to use the Application API as yourself.">
          <CopyBox label="API access token" text={profile.access_token} secret />
          <div className="mt-3">
            <SimpleForm action={rotateTokenAction} fields={[]} submitLabel="Rotate token" kind="secondary" confirm="Scripts using the current token will stop working. Rotate?" />
          </div>
        </Section>
      </div>
    </main>
  );
}
