/**
 * The embed loader (W1, B5 ≤ 3 KB gzip): draws the chat bubble and nothing else until the visitor
 * clicks it — no cookie, no iframe, no request to Parley before interaction. A returning visitor (a
 * token in this page's storage, W7) gets the iframe hidden at once, so the bubble can show unread
 * replies. The iframe holds the whole chat; the two talk by postMessage, each checking the other's
 * window and origin. The visitor's token lives in this page's localStorage (one key per website
 * token) and is handed to the iframe by message, never in a URL.
 *
 * Two ways in: Parley's snippet (`window.parleySettings` + this script) and Chatwoot's unchanged snippet
 * (`/packs/js/sdk.js` is this file; `chatwootSDK.run({websiteToken, baseUrl})` with
 * `window.chatwootSettings`), SD1. Both get `window.Parley` and `window.$chatwoot` (the same object),
 * and every event is dispatched on `window` as `chatwoot:<name>` and `parley:<name>` (SD2).
 *
 * Bubble colour without a request: the snippet's `widgetColor` (Parley's settings page writes it in),
 * else the colour the iframe reported on an earlier visit (kept in localStorage), else Parley's
 * default; the iframe reports the inbox's current colour as soon as it loads, and the bubble takes it.
 */
type Settings = {
  websiteToken?: string;
  baseUrl?: string;
  widgetColor?: string;
  locale?: string;
  position?: string;
  type?: string;
  launcherTitle?: string;
  hideMessageBubble?: boolean;
  showPopoutButton?: boolean;
  darkMode?: string;
  /** W8: a short sound on an agent's reply while the page is hidden (off unless the host turns it on). */
  newMessageSound?: boolean;
  /** W8: the page title flashes "(1) New message" on an agent's reply while the page is hidden. */
  titleFlash?: boolean;
};
type Msg = { type: string; [k: string]: unknown };
type Win = { parleySettings?: Settings; chatwootSettings?: Settings; Parley?: unknown; $chatwoot?: unknown; chatwootSDK?: unknown };

(() => {
  const w = window as unknown as Win;
  const script = document.currentScript as HTMLScriptElement | null;
  const emit = (name: string, detail: unknown = null) => {
    for (const p of ["chatwoot:", "parley:"]) window.dispatchEvent(new CustomEvent(p + name, { detail }));
  };

  const run = (settings: Settings) => {
    const websiteToken = settings.websiteToken;
    if (!websiteToken || w.Parley) return;
    const base = (settings.baseUrl || (script ? new URL(script.src).origin : location.origin)).replace(/\/+$/, "");
    const origin = new URL(base).origin;
    const key = (k: string) => `parley:${websiteToken}:${k}`;
    const load = (k: string) => {
      try {
        return localStorage.getItem(key(k));
      } catch {
        return null;
      }
    };
    const save = (k: string, v: string | null) => {
      try {
        if (v === null) localStorage.removeItem(key(k));
        else localStorage.setItem(key(k), v);
      } catch {
        /* storage blocked: the visitor is anonymous per page load */
      }
    };
    const left = settings.position === "left";
    const side = left ? "left" : "right";
    const edge = left ? "flex-start" : "flex-end";

    const css = document.createElement("style");
    css.textContent =
      `.parley-root{position:fixed;${side}:20px;bottom:20px;z-index:2147483000;display:flex;flex-direction:column;align-items:${edge};gap:12px;font:14px system-ui,sans-serif}` +
      ".parley-bubble{min-width:56px;height:56px;border:0;border-radius:28px;color:#fff;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25);position:relative;display:flex;align-items:center;justify-content:center;gap:8px;padding:0 16px;font:600 15px system-ui,sans-serif}" +
      ".parley-bubble:focus-visible{outline:3px solid #222;outline-offset:3px}" +
      `.parley-badge{position:absolute;top:-4px;${side}:-4px;min-width:20px;height:20px;border-radius:10px;background:#e0245e;color:#fff;font-size:12px;line-height:20px;text-align:center;padding:0 5px}` +
      ".parley-preview{max-width:280px;padding:12px 14px;border:0;border-radius:12px;background:#fff;color:#1f2937;box-shadow:0 4px 16px rgba(0,0,0,.2);text-align:left;cursor:pointer;font:14px/1.4 system-ui,sans-serif}" +
      ".parley-preview b{display:block;font-size:12px;color:#6b7280;margin-bottom:2px}" +
      ".parley-frame{width:376px;height:min(640px,calc(100vh - 110px));border:0;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);background:#fff}" +
      ".parley-root [hidden]{display:none}" +
      "@media (max-width:480px){.parley-root.parley-open{inset:0;gap:0}.parley-open .parley-frame{width:100vw;height:100vh;border-radius:0}.parley-open .parley-bubble{display:none}}";
    document.head.appendChild(css);

    const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string) => {
      const el = document.createElement(tag);
      el.className = className;
      return el;
    };
    const root = make("div", "parley-root");
    const bubble = make("button", "parley-bubble");
    bubble.type = "button";
    bubble.setAttribute("aria-expanded", "false");
    bubble.innerHTML = '<svg width="26" height="26" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 2-2z"/></svg>';
    // Chatwoot's expanded_bubble: the launcher title beside the icon.
    const launcher = document.createElement("span");
    if (settings.type === "expanded_bubble") bubble.appendChild(launcher);
    const badge = make("span", "parley-badge");
    badge.hidden = true;
    bubble.appendChild(badge);
    // The first words of an agent's unread reply, beside the closed bubble (W7).
    const preview = make("button", "parley-preview");
    preview.type = "button";
    preview.hidden = true;
    const paint = (color: string | null | undefined) => {
      if (color && /^#[0-9a-f]{6}$/i.test(color)) bubble.style.background = color;
    };
    paint("#1f93ff");
    paint(load("color"));
    paint(settings.widgetColor);
    root.append(preview, bubble);
    let bubbleShown = !settings.hideMessageBubble;
    const mount = () => document.body.appendChild(root);
    if (document.body) mount();
    else document.addEventListener("DOMContentLoaded", mount);

    let frame: HTMLIFrameElement | null = null;
    let popout: Window | null = null;
    let ready = false;
    let open = false;
    let unread = 0;
    let user: Record<string, unknown> | null = null;
    let attrs: Record<string, unknown> | null = null;
    let queue: Msg[] = [];
    // The host page's language for the widget (settings.locale, setLocale); the server checks it.
    let locale: string | null = typeof settings.locale === "string" ? settings.locale : null;
    let dark = settings.darkMode === "auto" ? "auto" : "light";
    // The bubble's words until the widget has said them in its language (parley:labels).
    let labels = { open: "Open chat", close: "Close chat", title: "Chat", launcher: "Chat with us", newMessage: "New message" };
    const title = document.title;
    let flash: ReturnType<typeof setInterval> | undefined;

    const label = () => {
      bubble.setAttribute("aria-label", open ? labels.close : labels.open);
      launcher.textContent = settings.launcherTitle || labels.launcher;
      bubble.hidden = !bubbleShown;
    };
    label();

    const post = (m: Msg) => {
      if (frame?.contentWindow && ready) frame.contentWindow.postMessage(m, origin);
      else queue.push(m);
    };
    const ensureFrame = () => {
      if (frame) return;
      frame = make("iframe", "parley-frame");
      frame.title = labels.title;
      frame.hidden = !open;
      frame.src = `${base}/widget?website_token=${encodeURIComponent(websiteToken)}`;
      root.insertBefore(frame, preview);
    };
    const setOpen = (next: boolean) => {
      const was = open;
      open = next;
      if (open) ensureFrame();
      if (frame) frame.hidden = !open;
      root.classList.toggle("parley-open", open);
      bubble.setAttribute("aria-expanded", String(open));
      label();
      if (open) badge.hidden = preview.hidden = true;
      if (frame) post({ type: "parley:visibility", open });
      if (was !== open) emit(open ? "opened" : "closed");
    };
    bubble.addEventListener("click", () => setOpen(!open));
    preview.addEventListener("click", () => setOpen(true));
    document.addEventListener("visibilitychange", () => {
      if (document.hidden) return;
      clearInterval(flash);
      document.title = title;
    });

    window.addEventListener("message", (e: MessageEvent) => {
      const d = e.data as Msg | null;
      if (e.origin !== origin || !d || typeof d.type !== "string") return;
      // A popped-out chat window asks for the session the same way the iframe does.
      if (popout && e.source === popout && d.type === "parley:ready") {
        popout.postMessage({ type: "parley:init", token: load("token"), user, attrs, open: true, referer: location.href, locale, dark }, origin);
        return;
      }
      if (!frame || e.source !== frame.contentWindow) return;
      if (d.type === "parley:ready") {
        ready = true;
        // Only the visibility messages queued before the frame existed are stale; init carries the state.
        queue = queue.filter((m) => m.type !== "parley:visibility");
        frame.contentWindow!.postMessage(
          { type: "parley:init", token: load("token"), user, attrs, open, referer: location.href, locale, dark, sound: !!settings.newMessageSound, popoutButton: !!settings.showPopoutButton },
          origin,
        );
        queue.forEach(post);
        queue = [];
      } else if (d.type === "parley:token") {
        save("token", typeof d.token === "string" ? d.token : null);
      } else if (d.type === "parley:color" && typeof d.color === "string") {
        paint(d.color);
        save("color", d.color);
      } else if (d.type === "parley:unread") {
        const n = Number(d.count) || 0;
        if (n > unread && document.hidden && settings.titleFlash) {
          clearInterval(flash);
          const text = `(${n}) ${labels.newMessage}`;
          flash = setInterval(() => (document.title = document.title === text ? title : text), 1000);
        }
        unread = n;
        badge.textContent = n > 9 ? "9+" : String(n);
        badge.hidden = open || n === 0;
        preview.replaceChildren();
        if (typeof d.name === "string") preview.append(Object.assign(document.createElement("b"), { textContent: d.name }));
        preview.append(String(d.preview ?? ""));
        preview.hidden = open || !n || !d.preview;
      } else if (d.type === "parley:labels" && d.labels && typeof d.labels === "object") {
        labels = { ...labels, ...(d.labels as typeof labels) };
        frame.title = labels.title;
        label();
      } else if (d.type === "parley:close") {
        setOpen(false);
        bubble.focus();
      } else if (d.type === "parley:event" && typeof d.name === "string") {
        emit(d.name, d.data);
      } else if (d.type === "parley:popout") {
        api.popoutChatWindow();
      }
    });

    const call = (op: string, arg: unknown) => post({ type: "parley:call", op, arg });
    const restart = () => {
      ready = false;
      frame?.remove();
      frame = null;
      if (open) setOpen(true);
    };
    const api = {
      setUser(identifier: string | number, fields: Record<string, unknown> = {}) {
        user = { ...fields, identifier: String(identifier) };
        if (ready) post({ type: "parley:setUser", user });
      },
      setCustomAttributes(custom: Record<string, unknown>) {
        attrs = { ...attrs, ...custom };
        if (ready) post({ type: "parley:setCustomAttributes", attrs: custom });
      },
      deleteCustomAttribute: (name: string) => call("deleteCustomAttribute", name),
      setConversationCustomAttributes: (custom: Record<string, unknown>) => call("setConversationCustomAttributes", custom),
      deleteConversationCustomAttribute: (name: string) => call("deleteConversationCustomAttribute", name),
      setLabel: (name: string) => call("setLabel", name),
      removeLabel: (name: string) => call("removeLabel", name),
      /** Chatwoot's toggle: "open", "close", or nothing to flip. */
      toggle(state?: string) {
        setOpen(state === "open" ? true : state === "close" ? false : !open);
      },
      toggleBubbleVisibility(v: string) {
        bubbleShown = v !== "hide";
        label();
      },
      popoutChatWindow() {
        setOpen(false);
        popout = window.open(`${base}/widget?website_token=${encodeURIComponent(websiteToken)}&popout=1`, "parley-chat", "width=400,height=640");
      },
      /** The widget's language ("ru"); an open widget starts again in it, keeping the visitor's session. */
      setLocale(code: string) {
        locale = String(code);
        if (frame) restart();
      },
      setColorScheme(mode: string) {
        dark = mode === "auto" ? "auto" : "light";
        if (frame) restart();
      },
      reset() {
        save("token", null);
        user = attrs = null;
        queue = [];
        unread = 0;
        badge.hidden = preview.hidden = true;
        if (frame) restart();
      },
    };
    w.Parley = w.$chatwoot = api;
    // A returning visitor: the chat loads hidden so unread replies reach the bubble (W7).
    if (load("token")) ensureFrame();
    // The snippet loads this script async: a page that calls setUser waits for this event.
    emit("ready");
  };

  w.chatwootSDK = { run: (o: Settings) => run({ ...w.chatwootSettings, ...o }) };
  if (w.parleySettings) run(w.parleySettings);
})();
