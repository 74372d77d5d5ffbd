"use client";

import { useTranslations } from "next-intl";
import { useApiErrorText } from "@/components/i18n/use-api-error-text";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiRequestError } from "@/components/operator/api";
import type { ComposerProps } from "./composer-contract";
import { messageRequest, newEchoId, type OutgoingDraft } from "./composer-request";

/** The catalogue's send errors (conversation.composer.errors), and the API's own message in the agent's language. */
export type SendErrorWords = { (key: "tooMany" | "forbidden" | "gone" | "offline"): string; api(message: string): string };

/** What went wrong, in words for the agent. */
export function describeSendError(err: unknown, words: SendErrorWords): string {
  if (err instanceof ApiRequestError) {
    if (err.status === 429) return words("tooMany");
    if (err.status === 403) return words("forbidden");
    if (err.status === 404) return words("gone");
    return words.api(err.message);
  }
  return words("offline");
}

/** Whether a failure means this conversation cannot be replied to at all (not worth retrying). */
const isBlocking = (err: unknown) => err instanceof ApiRequestError && (err.status === 403 || err.status === 404);

const sameFiles = (a: readonly File[], b: readonly File[]) => a.length === b.length && a.every((f, i) => f === b[i]);

export type SendFailure = { message: string; draft: OutgoingDraft; restored: boolean };

/**
 * Posting a message (SPEC U1, M6): the thread hears of it at once (`onPending`) and again when the
 * server answers (`onSettled`). A failed draft is remembered, so sending the same text again — or
 * Retry — reuses its echo_id and the server never stores it twice.
 */
export function useSendMessage({ accountId, displayId, onPending, onSettled }: Pick<ComposerProps, "accountId" | "displayId" | "onPending" | "onSettled">) {
  const [failure, setFailure] = useState<SendFailure | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const t = useTranslations("conversation.composer.errors");
  const apiText = useApiErrorText();
  const failed = useRef<OutgoingDraft | null>(null);
  const latest = useRef({ onPending, onSettled });
  useEffect(() => {
    latest.current = { onPending, onSettled };
  });

  /** The echo_id for this content: the failed draft's when it is the same message again. */
  const echoIdFor = useCallback((content: string, isPrivate: boolean, files: readonly File[]) => {
    const f = failed.current;
    return f && f.content === content && f.private === isPrivate && sameFiles(f.files, files) ? f.echoId : newEchoId();
  }, []);

  /** Posts the draft; on failure `restore(draft)` may put it back in the box (it answers whether it did). */
  const post = useCallback(
    (draft: OutgoingDraft, restore: (draft: OutgoingDraft) => boolean) => {
      setFailure(null);
      latest.current.onPending({ echoId: draft.echoId, content: draft.content, private: draft.private, files: draft.files, createdAt: new Date() });
      api<Record<string, unknown>>(accountId, `/conversations/${displayId}/messages`, messageRequest(draft)).then(
        (message) => {
          if (failed.current?.echoId === draft.echoId) failed.current = null;
          setFailure((f) => (f?.draft.echoId === draft.echoId ? null : f));
          latest.current.onSettled(draft.echoId, { ok: true, message });
        },
        (err: unknown) => {
          const error = err instanceof Error ? err : new Error(String(err));
          latest.current.onSettled(draft.echoId, { ok: false, error });
          failed.current = draft;
          const words = Object.assign((key: Parameters<SendErrorWords>[0]) => t(key), { api: apiText });
          if (isBlocking(err)) setBlocked(describeSendError(err, words));
          setFailure({ message: describeSendError(err, words), draft, restored: restore(draft) });
        },
      );
    },
    [accountId, displayId, t, apiText],
  );

  return { post, echoIdFor, failure, dismissFailure: () => setFailure(null), blocked };
}
