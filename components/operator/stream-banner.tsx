"use client";

import { useTranslations } from "next-intl";
import type { OperatorStream } from "./use-operator-stream";

/**
 * What the operator sees when live updates stop (SPEC U3, E5): signed out for good (with a way back),
 * or a drop being retried. Nothing before the stream has been live once: the first connect is silent.
 */
export function StreamBanner({ stream, pathname }: { stream: Pick<OperatorStream, "refused" | "wasLive" | "connection">; pathname: string }) {
  const t = useTranslations("operator.stream");
  if (stream.refused) {
    return (
      <div
        role="alert"
        className="fixed top-3 left-1/2 z-50 -translate-x-1/2 rounded-full bg-rose-100 dark:bg-rose-500/20 px-4 py-1.5 text-sm font-medium text-rose-900 dark:text-rose-100 shadow ring-1 ring-rose-300 dark:ring-rose-500/40"
      >
        {t("refused")}{" "}
        <a href={`/login?callbackUrl=${encodeURIComponent(pathname)}`} className="underline">
          {t("signInAgain")}
        </a>
      </div>
    );
  }
  if (!stream.wasLive || stream.connection === "live") return null;
  return (
    <div
      role="status"
      className="fixed top-3 left-1/2 z-50 -translate-x-1/2 rounded-full bg-amber-100 dark:bg-amber-500/20 px-4 py-1.5 text-sm font-medium text-amber-900 dark:text-amber-100 shadow ring-1 ring-amber-300 dark:ring-amber-500/40"
    >
      {t("reconnecting")}
    </div>
  );
}
