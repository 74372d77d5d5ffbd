/** SPEC W1: the two script tags a site pastes to show the widget; the settings page and the API show the same text. */
export function embedSnippet(websiteToken: string, origin: string): string {
  const base = origin.replace(/\/+$/, "");
  return `<script>window.parleySettings = { websiteToken: ${JSON.stringify(websiteToken)}, baseUrl: ${JSON.stringify(base)} };</script>\n` + `<script async src="${base}/widget.js"></script>`;
}
