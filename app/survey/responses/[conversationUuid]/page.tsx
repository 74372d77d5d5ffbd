import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SurveyForm } from "@/components/survey/survey-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("survey"))("title") };
}

/**
 * Chatwoot's public CSAT page (`/survey/responses/:conversation_uuid`): the visitor rates the resolved
 * conversation from the link in an email or the widget, under the widget's rules (one response,
 * changeable for 14 days) — the page reads and answers through the public csat_survey API.
 */
export default async function SurveyPage({ params }: { params: Promise<{ conversationUuid: string }> }) {
  const { conversationUuid } = await params;
  return (
    <main className="flex min-h-full items-center justify-center bg-slate-50 px-4 py-12 dark:bg-slate-950">
      <SurveyForm uuid={conversationUuid} />
    </main>
  );
}
