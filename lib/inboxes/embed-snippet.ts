/**
 * SPEC W1: the two script tags a site pastes to show the widget; the settings page and the API show the
 * same text. The inbox colour rides along so a first-time visitor's bubble is drawn in it without a
 * request (the loader cannot know it otherwise; docs/widget.md "The bubble's colour").
 */
export function embedSnippet(websiteToken: string, origin: string, widgetColor?: string | null): string {
  const base = origin.replace(/\/+$/, "");
  const color = widgetColor && /^#[0-9a-f]{6}$/i.test(widgetColor) ? `, widgetColor: ${JSON.stringify(widgetColor)}` : "";
  return `<script>window.parleySettings = { websiteToken: ${JSON.stringify(websiteToken)}, baseUrl: ${JSON.stringify(base)}${color} };</script>\n` + `<script async src="${base}/widget.js"></script>`;
}
