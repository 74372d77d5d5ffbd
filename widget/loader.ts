/**
 * The embed loader (W1, B5 ≤ 3 KB gzip): draws the chat bubble and nothing else until the visitor
 * clicks it — no cookie, no iframe, no request to Parley before interaction. The iframe it then
 * creates holds the whole chat; the two talk by postMessage, each checking the other's window and
 * origin. The visitor's token lives in this page's localStorage (one key per website token) and is
 * handed to the iframe by message, never in a URL.
 *
 * Bubble colour without a request: `parleySettings.widgetColor` when the snippet carries it, else the
 * colour the iframe reported on an earlier visit (kept in localStorage), else Parley's default; the
 * iframe reports the inbox's current colour as soon as it loads, and the bubble takes it.
 */
type Settings = { websiteToken?: string; baseUrl?: string; widgetColor?: string; locale?: string };
type User = { identifier: string; name?: string; email?: string; identifier_hash?: string; phone_number?: string };
type Msg = { type: string; [k: string]: unknown };

(() => {
  const w = window as unknown as { parleySettings?: Settings; Parley?: unknown };
  const settings = w.parleySettings ?? {};
  const websiteToken = settings.websiteToken;
  if (!websiteToken || w.Parley) return;
  const script = document.currentScript as HTMLScriptElement | null;
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

  const css = document.createElement("style");
  css.textContent =
    ".parley-root{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;flex-direction:column;align-items:flex-end;gap:12px;font:14px system-ui,sans-serif}" +
    ".parley-bubble{width:56px;height:56px;border:0;border-radius:50%;color:#fff;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25);position:relative;display:grid;place-items:center}" +
    ".parley-bubble:focus-visible{outline:3px solid #222;outline-offset:3px}" +
    ".parley-badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#e0245e;color:#fff;font-size:12px;line-height:20px;text-align:center;padding:0 5px}" +
    ".parley-frame{width:376px;height:min(640px,calc(100vh - 110px));border:0;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);background:#fff}" +
    ".parley-frame[hidden]{display:none}" +
    "@media (max-width:480px){.parley-root.parley-open{inset:0;gap:0}.parley-open .parley-frame{width:100vw;height:100vh;border-radius:0}.parley-open .parley-bubble{display:none}}";
  document.head.appendChild(css);

  const root = document.createElement("div");
  root.className = "parley-root";
  const bubble = document.createElement("button");
  bubble.type = "button";
  bubble.className = "parley-bubble";
  bubble.setAttribute("aria-label", "Open chat");
  bubble.setAttribute("aria-expanded", "false");
  bubble.innerHTML = '<svg width="26" height="26" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 2-2z"/></svg>';
  const badge = document.createElement("span");
  badge.className = "parley-badge";
  badge.hidden = true;
  bubble.appendChild(badge);
  const paint = (color: string | null | undefined) => {
    if (color && /^#[0-9a-f]{6}$/i.test(color)) bubble.style.background = color;
  };
  paint("#1f93ff");
  paint(load("color"));
  paint(settings.widgetColor);
  root.appendChild(bubble);
  const mount = () => document.body.appendChild(root);
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  let frame: HTMLIFrameElement | null = null;
  let ready = false;
  let open = false;
  let user: User | null = null;
  let attrs: Record<string, unknown> | null = null;
  let queue: Msg[] = [];
  // The host page's language for the widget (settings.locale, Parley.setLocale); the server checks it.
  let locale: string | null = typeof settings.locale === "string" ? settings.locale : null;
  // The bubble's words until the widget has said them in its language (parley:labels).
  let labels = { open: "Open chat", close: "Close chat", title: "Chat" };

  const post = (m: Msg) => {
    if (frame?.contentWindow && ready) frame.contentWindow.postMessage(m, origin);
    else queue.push(m);
  };

  const setOpen = (next: boolean) => {
    open = next;
    if (open && !frame) {
      frame = document.createElement("iframe");
      frame.title = labels.title;
      frame.className = "parley-frame";
      frame.src = `${base}/widget?website_token=${encodeURIComponent(websiteToken)}`;
      root.insertBefore(frame, bubble);
    }
    if (frame) frame.hidden = !open;
    root.classList.toggle("parley-open", open);
    bubble.setAttribute("aria-label", open ? labels.close : labels.open);
    bubble.setAttribute("aria-expanded", String(open));
    if (open) badge.hidden = true;
    post({ type: "parley:visibility", open });
  };
  bubble.addEventListener("click", () => setOpen(!open));

  window.addEventListener("message", (e: MessageEvent) => {
    if (!frame || e.source !== frame.contentWindow || e.origin !== origin) return;
    const d = e.data as Msg | null;
    if (!d || typeof d.type !== "string") return;
    if (d.type === "parley:ready") {
      ready = true;
      // Only the visibility messages queued before the frame existed are stale; init carries the state.
      queue = queue.filter((m) => m.type !== "parley:visibility");
      frame.contentWindow!.postMessage({ type: "parley:init", token: load("token"), user, attrs, open, referer: location.href, locale }, origin);
      queue.forEach(post);
      queue = [];
    } else if (d.type === "parley:token") {
      save("token", typeof d.token === "string" ? d.token : null);
    } else if (d.type === "parley:color" && typeof d.color === "string") {
      paint(d.color);
      save("color", d.color);
    } else if (d.type === "parley:unread") {
      const n = Number(d.count) || 0;
      badge.textContent = n > 9 ? "9+" : String(n);
      badge.hidden = open || n === 0;
    } else if (d.type === "parley:labels" && d.labels && typeof d.labels === "object") {
      labels = { ...labels, ...(d.labels as typeof labels) };
      frame.title = labels.title;
      bubble.setAttribute("aria-label", open ? labels.close : labels.open);
    } else if (d.type === "parley:close") {
      setOpen(false);
      bubble.focus();
    }
  });

  w.Parley = {
    setUser(identifier: string, fields: Omit<User, "identifier"> = {}) {
      user = { ...fields, identifier: String(identifier) };
      if (ready) post({ type: "parley:setUser", user });
    },
    setCustomAttributes(custom: Record<string, unknown>) {
      attrs = { ...attrs, ...custom };
      if (ready) post({ type: "parley:setCustomAttributes", attrs: custom });
    },
    toggle() {
      setOpen(!open);
    },
    /** The widget's language ("ru"); an open widget starts again in it, keeping the visitor's session. */
    setLocale(code: string) {
      locale = String(code);
      if (!frame) return;
      ready = false;
      frame.remove();
      frame = null;
      if (open) setOpen(true);
    },
    reset() {
      save("token", null);
      user = attrs = null;
      queue = [];
      ready = false;
      frame?.remove();
      frame = null;
      badge.hidden = true;
      if (open) setOpen(true);
    },
  };
  // The snippet loads this script async: a page that calls Parley.setUser waits for this event.
  window.dispatchEvent(new Event("parley:ready"));
})();
