"use client";

import { useTranslations } from "next-intl";
import type { SendFailure } from "./composer-send";

/**
 * Under the composer: why it is disabled, why the last message was not sent (with Retry when the
 * text could not go back in the box because the agent had started another), and tray notices.
 */
export function ComposerStatus({ blocked, failure, notice, onRetry, onDismiss }: { blocked: string | null; failure: SendFailure | null; notice: string | null; onRetry(): void; onDismiss(): void }) {
  const t = useTranslations("conversation.composer");
  return (
    <>
      {blocked && <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{t("disabled", { reason: blocked })}</p>}
      {failure && !blocked && (
        <div role="alert" className="mt-2 flex items-start gap-2 text-xs text-red-700 dark:text-red-300">
          <p>
            {t("notSent", { reason: failure.message })}
            {failure.restored ? ` ${t("restored")}` : ""}
          </p>
          {!failure.restored && (
            <button type="button" onClick={onRetry} className="font-medium underline">
              {t("retry")}
            </button>
          )}
          <button type="button" aria-label={t("dismiss")} onClick={onDismiss} className="ml-auto px-1 text-red-500 dark:text-red-300 hover:text-red-800 dark:hover:text-red-200">
            ×
          </button>
        </div>
      )}
      {notice && (
        <p role="status" className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          {notice}
        </p>
      )}
    </>
  );
}
