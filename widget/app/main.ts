import { startChat } from "./chat";

/**
 * The iframe's entry point. The parent (the loader on the host page) is only known by its first
 * message: the iframe announces itself with a content-free "ready", and accepts "init" only from
 * window.parent — which the page's CSP frame-ancestors (W5) already limits to the allowed sites.
 * From then on every message must come from that window and origin, and everything sent back (the
 * visitor's token above all) is addressed to that origin only.
 */
type Msg = { type?: string; [k: string]: unknown };

const websiteToken = new URLSearchParams(location.search).get("website_token") ?? "";
let parentOrigin: string | null = null;
let chat: ReturnType<typeof startChat> | null = null;
let booted: Promise<void> | null = null;

const toParent = (m: Msg) => {
  if (parentOrigin && window.parent !== window) window.parent.postMessage(m, parentOrigin);
};

window.addEventListener("message", (e: MessageEvent) => {
  if (e.source !== window.parent || window.parent === window) return;
  const d = e.data as Msg | null;
  if (!d || typeof d.type !== "string") return;
  if (d.type === "parley:init" && !chat) {
    parentOrigin = e.origin;
    boot(
      typeof d.token === "string" ? d.token : null,
      d.user as Record<string, unknown> | null,
      d.attrs as Record<string, unknown> | null,
      d.open !== false,
      typeof d.referer === "string" ? d.referer.slice(0, 2048) : null,
      typeof d.locale === "string" ? d.locale.slice(0, 16) : null,
    );
    return;
  }
  if (e.origin !== parentOrigin || !chat || !booted) return;
  const c = chat;
  // After boot: a setUser racing the first config call would have no token yet.
  if (d.type === "parley:visibility") void booted.then(() => c.setVisible(Boolean(d.open)));
  else if (d.type === "parley:setUser" && d.user) void booted.then(() => c.setUser(d.user as Record<string, unknown>));
  else if (d.type === "parley:setCustomAttributes" && d.attrs) void booted.then(() => c.setAttributes(d.attrs as Record<string, unknown>));
});

function boot(
  token: string | null,
  user: Record<string, unknown> | null,
  attrs: Record<string, unknown> | null,
  visible: boolean,
  referer: string | null = null,
  locale: string | null = new URLSearchParams(location.search).get("locale"),
) {
  chat = startChat({
    websiteToken,
    token,
    visible,
    referer,
    locale,
    bridge: {
      setLabels: (labels) => toParent({ type: "parley:labels", labels }),
      setToken: (t) => toParent({ type: "parley:token", token: t }),
      setColor: (color) => toParent({ type: "parley:color", color }),
      setUnread: (count) => toParent({ type: "parley:unread", count }),
      close: () => toParent({ type: "parley:close" }),
    },
  });
  const c = chat;
  // Every step of boot can be repeated, so a failed start (offline, server restarting) just retries.
  const attempt = (delay: number): Promise<void> => c.boot(user, attrs).catch(() => new Promise<void>((resolve) => setTimeout(() => resolve(attempt(Math.min(delay * 2, 30_000))), delay)));
  booted = attempt(1_000).then(() => c.setVisible(visible));
}

if (window.parent === window) {
  // Opened directly (not embedded): a session for this page load only.
  boot(null, null, null, true);
} else {
  window.parent.postMessage({ type: "parley:ready" }, "*");
}
