/** After something is shown: a burst of replies becomes one request. */
const SETTLE_MS = 500;

/**
 * When the visitor has seen the conversation (C6), as the widget tells the server. A reply shown in
 * the open chat is marked seen shortly after, and at once if the chat closes first; never after the
 * chat has closed, so a reply that arrives then stays unread (W7, W9).
 */
export function createSeenMarker({ send, isVisible }: { send: () => void; isVisible: () => boolean }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;

  const sendNow = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = false;
    send();
  };

  return {
    /** Something the visitor had not seen is on the open chat's screen. */
    shown() {
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(() => (isVisible() ? sendNow() : undefined), SETTLE_MS);
    },
    /** The chat closes: what it showed and was not yet marked is seen now; nothing is sent otherwise. */
    closed() {
      if (pending) sendNow();
    },
  };
}
