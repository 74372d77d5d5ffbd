import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { findWidgetInbox } from "./find-widget-inbox";
import { widgetPageCsp } from "./frame-ancestors";

/** Paths of the iframe app's assets (built by scripts/build-widget.ts into public/). */
export const WIDGET_APP_JS = "/widget-app.js";
export const WIDGET_APP_CSS = "/widget-app.css";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The iframe document (W2): a few hundred bytes of HTML and one small script — no framework runtime,
 * so first-load JS stays far inside B5. The inbox colour is inlined so the header paints in it before
 * the script runs. Its CSP (W5) lets only the inbox's allowed domains frame it.
 */
export async function widgetPageResponse(db: Db, websiteToken: string | null): Promise<Response> {
  let found;
  try {
    found = await findWidgetInbox(db, websiteToken);
  } catch (err) {
    if (!(err instanceof AppError && err.code === "not_found")) throw err;
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Security-Policy": "frame-ancestors 'none'", "X-Frame-Options": "DENY" } });
  }
  const { inbox, widget } = found;
  const nonce = randomBytes(16).toString("base64");
  const title = escapeHtml(widget.welcomeTitle || inbox.name);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><link rel="stylesheet" href="${WIDGET_APP_CSS}"><style nonce="${nonce}">:root{--pw-color:${widget.widgetColor}}</style><script src="${WIDGET_APP_JS}" defer></script></head><body><div id="parley-widget" aria-live="polite"></div></body></html>`;
  return new Response(html, {
    status: 200,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": widgetPageCsp(widget.allowedDomains, nonce),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    },
  });
}
