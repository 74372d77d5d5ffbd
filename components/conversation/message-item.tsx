import { useLocale, useTranslations } from "next-intl";
import { memo } from "react";
import { AttachmentList } from "./attachment-list";
import { MessageMarkdown } from "./message-markdown";
import { PendingFiles } from "./pending-files";
import { submittedAnswers } from "./submitted-answers";
import type { Delivery } from "./read-marks";
import { MessageType, type PendingEntry, type ThreadMessage } from "./thread-message";

export function timeOf(epochSeconds: number, locale: string): string {
  return new Date(epochSeconds * 1000).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
}

const DELIVERY: Record<Delivery, { mark: string; className: string }> = {
  sent: { mark: "✓", className: "text-slate-500 dark:text-slate-400" },
  delivered: { mark: "✓✓", className: "text-slate-500 dark:text-slate-400" },
  read: { mark: "✓✓", className: "text-sky-600 dark:text-sky-300" },
  failed: { mark: "!", className: "text-red-600 dark:text-red-300" },
};

function DeliveryMark({ delivery }: { delivery: Delivery }) {
  const t = useTranslations("conversation.message");
  const d = DELIVERY[delivery];
  return (
    <span className={`${d.className} tracking-tighter`} title={t(delivery)} data-delivery={delivery}>
      <span aria-hidden>{d.mark}</span>
      <span className="sr-only">{t(delivery)}</span>
    </span>
  );
}

/**
 * One message: the visitor's on the left, the team's on the right, private notes amber and
 * labelled, activity centred and muted; deleted messages say so.
 */
export const MessageItem = memo(function MessageItem({ message, delivery, highlighted = false }: { message: ThreadMessage; delivery: Delivery | null; highlighted?: boolean }) {
  const t = useTranslations("conversation.message");
  const time = timeOf(message.created_at, useLocale());
  if (message.message_type === MessageType.activity) {
    return (
      <li className="my-2 flex justify-center" data-message-id={message.id} data-kind="activity">
        <p className="max-w-[80%] text-center text-xs text-slate-500 dark:text-slate-400">
          {message.content} <span className="text-slate-500 dark:text-slate-400">· {time}</span>
        </p>
      </li>
    );
  }
  const incoming = message.message_type === MessageType.incoming;
  const deleted = message.content_attributes.deleted === true;
  const answers = submittedAnswers(message.content_attributes);
  const kind = message.private ? "private" : incoming ? "incoming" : "outgoing";
  const bubble = message.private
    ? "bg-amber-50 dark:bg-amber-500/10 text-amber-950 dark:text-amber-100 ring-1 ring-amber-200 dark:ring-amber-500/30"
    : incoming
      ? "bg-white dark:bg-slate-900 text-slate-900 dark:text-slate-100 ring-1 ring-slate-200 dark:ring-slate-700"
      : "bg-brand-600 text-white";
  return (
    <li
      className={`my-1.5 flex rounded-lg ${incoming ? "justify-start" : "justify-end"} ${highlighted ? "bg-amber-100/70 ring-2 ring-amber-300 dark:bg-amber-500/15 dark:ring-amber-500/60" : ""}`}
      data-message-id={message.id}
      data-kind={kind}
      data-highlighted={highlighted || undefined}
      aria-current={highlighted ? "true" : undefined}
    >
      <article aria-label={t("articleLabel", { kind: message.private ? "note" : "message", name: message.sender?.name || (incoming ? t("visitor") : t("team")) })} className="max-w-[75%]">
        <div className={`mb-0.5 flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400 ${incoming ? "" : "justify-end"}`}>
          <span className="font-medium text-slate-600 dark:text-slate-400">{message.sender?.name || (incoming ? t("visitor") : t("automatic"))}</span>
          {message.private && <span className="rounded bg-amber-100 dark:bg-amber-500/20 px-1.5 py-px font-semibold text-amber-800 dark:text-amber-200">{t("privateNote")}</span>}
        </div>
        <div className={`rounded-2xl px-3.5 py-2 ${bubble} ${incoming ? "rounded-tl-sm" : "rounded-tr-sm"}`}>
          {deleted ? <p className="text-sm italic opacity-75">{t("deleted")}</p> : message.content ? <MessageMarkdown text={message.content} /> : null}
          {!deleted && <AttachmentList attachments={message.attachments} />}
          {!deleted && answers.length > 0 && (
            <p className="mt-1.5 border-t border-current/20 pt-1.5 text-xs">
              <span className="font-semibold">{t("visitorAnswered")}</span> {answers.join(" · ")}
            </p>
          )}
        </div>
        <div className={`mt-0.5 flex items-center gap-1.5 text-[11px] text-slate-500 dark:text-slate-400 ${incoming ? "" : "justify-end"}`}>
          <time dateTime={new Date(message.created_at * 1000).toISOString()}>{time}</time>
          {delivery && <DeliveryMark delivery={delivery} />}
        </div>
      </article>
    </li>
  );
});

/** A message the composer handed over that the server has not stored yet (or refused). */
export function PendingItem({ entry, onDismiss }: { entry: PendingEntry; onDismiss: () => void }) {
  const t = useTranslations("conversation.message");
  const failed = entry.state === "failed";
  return (
    <li className="my-1.5 flex justify-end" data-kind="pending" data-echo-id={entry.echoId}>
      <article className="max-w-[75%]" aria-label={entry.private ? t("pendingNote") : t("pendingMessage")}>
        {entry.private && (
          <div className="mb-0.5 flex justify-end text-xs">
            <span className="rounded bg-amber-100 dark:bg-amber-500/20 px-1.5 py-px font-semibold text-amber-800 dark:text-amber-200">{t("privateNote")}</span>
          </div>
        )}
        <div
          className={`rounded-2xl rounded-tr-sm px-3.5 py-2 opacity-70 ${entry.private ? "bg-amber-50 dark:bg-amber-500/10 text-amber-950 dark:text-amber-100 ring-1 ring-amber-200 dark:ring-amber-500/30" : "bg-brand-600 text-white"}`}
        >
          {entry.content && <MessageMarkdown text={entry.content} />}
          <PendingFiles files={entry.files} />
        </div>
        <div className="mt-0.5 flex justify-end gap-2 text-[11px]">
          {failed ? (
            <>
              <span role="alert" className="text-red-600 dark:text-red-300">
                {entry.error ? t("notSentBecause", { reason: entry.error }) : t("notSent")}
              </span>
              <button type="button" onClick={onDismiss} className="text-slate-500 dark:text-slate-400 underline">
                {t("dismiss")}
              </button>
            </>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">{t("sendingNow")}</span>
          )}
        </div>
      </article>
    </li>
  );
}
