import { startChat } from "./chat";

/**
 * The iframe's entry point. The parent (the loader on the host page) is only known by its first
 * message: the iframe announces itself with a content-free "ready", and accepts "init" only from
 * window.parent — which the page's CSP frame-ancestors (W5) already limits to the allowed sites.
 * From then on every message must come from that window and origin, and everything sent back (the
 * visitor's token above all) is addressed to that origin only. A popped-out chat window
 * ($chatwoot.popoutChatWindow, SD1) does the same with the page that opened it.
 */
type Msg = { type?: string; [k: string]: unknown };

const websiteToken = new URLSearchParams(location.search).get("website_token") ?? "";
const host: Window | null = window.parent !== window ? window.parent : (window.opener as Window | null);
let parentOrigin: string | null = null;
let chat: ReturnType<typeof startChat> | null = null;
let booted: Promise<void> | null = null;

const toParent = (m: Msg) => {
  if (parentOrigin && host) host.postMessage(m, parentOrigin);
};

/** The host's darkMode (Chatwoot's chatwootSettings.darkMode): "auto" follows the visitor's system (W8). */
function colourScheme(mode: unknown) {
  const query = matchMedia("(prefers-color-scheme: dark)");
  const apply = () => document.documentElement.classList.toggle("dark", mode === "auto" && query.matches);
  apply();
  query.addEventListener("change", apply);
}

window.addEventListener("message", (e: MessageEvent) => {
  if (!host || e.source !== host) return;
  const d = e.data as Msg | null;
  if (!d || typeof d.type !== "string") return;
  if (d.type === "parley:init" && !chat) {
    parentOrigin = e.origin;
    colourScheme(d.dark);
    boot({
      token: typeof d.token === "string" ? d.token : null,
      user: d.user as Record<string, unknown> | null,
      attrs: d.attrs as Record<string, unknown> | null,
      visible: d.open !== false,
      referer: typeof d.referer === "string" ? d.referer.slice(0, 2048) : null,
      locale: typeof d.locale === "string" ? d.locale.slice(0, 16) : null,
      sound: d.sound === true,
      popoutButton: d.popoutButton === true,
      popout: host !== window.parent,
    });
    return;
  }
  if (e.origin !== parentOrigin || !chat || !booted) return;
  const c = chat;
  // After boot: a setUser racing the first config call would have no token yet.
  if (d.type === "parley:visibility") void booted.then(() => c.setVisible(Boolean(d.open)));
  else if (d.type === "parley:setUser" && d.user) void booted.then(() => c.setUser(d.user as Record<string, unknown>));
  else if (d.type === "parley:setCustomAttributes" && d.attrs) void booted.then(() => c.setAttributes(d.attrs as Record<string, unknown>));
  else if (d.type === "parley:call" && typeof d.op === "string") void booted.then(() => c.call(d.op as string, d.arg));
});

function boot({
  token,
  user,
  attrs,
  visible,
  referer = null,
  locale = new URLSearchParams(location.search).get("locale"),
  sound = false,
  popout = false,
  popoutButton = false,
}: {
  token: string | null;
  user: Record<string, unknown> | null;
  attrs: Record<string, unknown> | null;
  visible: boolean;
  referer?: string | null;
  locale?: string | null;
  sound?: boolean;
  popout?: boolean;
  popoutButton?: boolean;
}) {
  chat = startChat({
    websiteToken,
    token,
    visible,
    referer,
    locale,
    sound,
    popout,
    popoutButton,
    bridge: {
      setLabels: (labels) => toParent({ type: "parley:labels", labels }),
      setToken: (t) => toParent({ type: "parley:token", token: t }),
      setColor: (color) => toParent({ type: "parley:color", color }),
      setUnread: (count, preview) => toParent({ type: "parley:unread", count, ...preview }),
      event: (name, data) => toParent({ type: "parley:event", name, data }),
      popout: () => toParent({ type: "parley:popout" }),
      close: () => (popout ? window.close() : toParent({ type: "parley:close" })),
    },
  });
  const c = chat;
  // Every step of boot can be repeated, so a failed start (offline, server restarting) just retries.
  const attempt = (delay: number): Promise<void> => c.boot(user, attrs).catch(() => new Promise<void>((resolve) => setTimeout(() => resolve(attempt(Math.min(delay * 2, 30_000))), delay)));
  booted = attempt(1_000).then(() => c.setVisible(visible));
}

if (!host) {
  // Opened directly (not embedded): a session for this page load only.
  boot({ token: null, user: null, attrs: null, visible: true });
} else {
  host.postMessage({ type: "parley:ready" }, "*");
}
