/**
 * What the composer (components/conversation/composer*.tsx) and the thread agree on. The composer
 * sends; the thread shows the message at once as pending and swaps it for the stored one when either
 * the POST answers or its `message.created` event arrives, whichever is first — matched by echo_id,
 * so a retry or a late event never shows a message twice.
 */
export type PendingMessage = {
  echoId: string;
  content: string;
  private: boolean;
  /** Files being uploaded with it (the thread shows their names and image previews). */
  files: File[];
  createdAt: Date;
};

export type ComposerProps = {
  accountId: number;
  displayId: number;
  inboxId: number;
  /** A message was handed to the server; show it as pending. */
  onPending(message: PendingMessage): void;
  /** The server stored it (the MessagePush body the API answered) or refused it (an Error). */
  onSettled(echoId: string, result: { ok: true; message: Record<string, unknown> } | { ok: false; error: Error }): void;
};
