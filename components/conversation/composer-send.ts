"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiRequestError } from "@/components/operator/api";
import type { ComposerProps } from "./composer-contract";
import { messageRequest, newEchoId, type OutgoingDraft } from "./composer-request";

/** What went wrong, in words for the agent. */
export function describeSendError(err: unknown): string {
  if (err instanceof ApiRequestError) {
    if (err.status === 429) return "Too many messages in this conversation — wait a moment and try again.";
    if (err.status === 403) return "You can't reply in this conversation.";
    if (err.status === 404) return "This conversation is no longer available.";
    return err.message;
  }
  return "Could not reach the server — check your connection and try again.";
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
          if (isBlocking(err)) setBlocked(describeSendError(err));
          setFailure({ message: describeSendError(err), draft, restored: restore(draft) });
        },
      );
    },
    [accountId, displayId],
  );

  return { post, echoIdFor, failure, dismissFailure: () => setFailure(null), blocked };
}
