import type { createApi } from "./api";

/**
 * `webwidget.triggered` (AB3): the returned function reports the visitor's first sight of the chat,
 * once per page load; later calls do nothing. A failure is dropped: it must never disturb the chat.
 */
export function widgetTrigger(api: ReturnType<typeof createApi>, page: { referer: string | null; locale: string | null }): () => void {
  let sent = false;
  return () => {
    if (sent) return;
    sent = true;
    const eventInfo = { initiated_at: { timestamp: new Date().toString() }, referer_url: page.referer, widget_language: page.locale, browser_language: navigator.language };
    void api("POST", "events", { name: "webwidget.triggered", event_info: eventInfo }).catch(() => undefined);
  };
}
