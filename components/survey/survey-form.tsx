"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

type Survey = { inbox_name: string; csat_survey_response: { rating: number; feedback_message: string | null } | null };

const FACES = ["😞", "😑", "😐", "😊", "😍"];

/** The public rating form: five faces, an optional comment; an earlier answer is shown and can be changed. */
export function SurveyForm({ uuid }: { uuid: string }) {
  const t = useTranslations("survey");
  const [survey, setSurvey] = useState<Survey | null>(null);
  const [missing, setMissing] = useState(false);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState("");
  const [state, setState] = useState<"idle" | "sending" | "sent" | "error">("idle");
  const [error, setError] = useState("");
  const url = `/public/api/v1/csat_survey/${encodeURIComponent(uuid)}`;

  useEffect(() => {
    fetch(url)
      .then(async (res) => {
        if (!res.ok) return setMissing(true);
        const s = (await res.json()) as Survey;
        setSurvey(s);
        setRating(s.csat_survey_response?.rating ?? 0);
        setComment(s.csat_survey_response?.feedback_message ?? "");
      })
      .catch(() => setMissing(true));
  }, [url]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!rating) return;
    setState("sending");
    const res = await fetch(url, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: { submitted_values: { csat_survey_response: { rating, feedback_message: comment.trim() || null } } } }),
    }).catch(() => null);
    if (res?.ok) {
      setSurvey((await res.json()) as Survey);
      setState("sent");
      return;
    }
    const body = (await res?.json().catch(() => null)) as { message?: string; error?: string } | null;
    setError(body?.message ?? body?.error ?? t("failed"));
    setState("error");
  }

  if (missing) return <p className="text-slate-700 dark:text-slate-200">{t("notFound")}</p>;
  if (!survey) return <p className="text-slate-500 dark:text-slate-400">{t("loading")}</p>;
  return (
    <form onSubmit={submit} className="w-full max-w-md space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700">
      <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-100">{t("title")}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("question", { inbox: survey.inbox_name })}</p>
      <div role="radiogroup" aria-label={t("rating")} className="flex justify-between">
        {FACES.map((face, i) => (
          <button
            key={face}
            type="button"
            role="radio"
            aria-checked={rating === i + 1}
            aria-label={t("rate", { n: i + 1 })}
            onClick={() => setRating(i + 1)}
            className={`rounded-full p-2 text-3xl transition focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-500 ${rating === i + 1 ? "bg-brand-50 ring-2 ring-brand-500 dark:bg-slate-800" : "opacity-70 hover:opacity-100"}`}
          >
            <span aria-hidden>{face}</span>
          </button>
        ))}
      </div>
      <label className="block text-sm text-slate-700 dark:text-slate-200">
        {t("comment")}
        <textarea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={10000}
          rows={3}
          className="mt-1 block w-full rounded-lg border border-slate-300 bg-white p-2 text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
        />
      </label>
      <button type="submit" disabled={!rating || state === "sending"} className="w-full rounded-lg bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-50">
        {survey.csat_survey_response ? t("change") : t("send")}
      </button>
      <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
        {state === "sent" ? t("thanks") : state === "error" ? error : ""}
      </p>
    </form>
  );
}
