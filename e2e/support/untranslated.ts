import type { Page } from "@playwright/test";

/** Words that are the same in every language: the product's name and key caps. */
const UNIVERSAL = new Set(["Parley", "Alt", "Ctrl", "Shift", "Enter", "Esc", "HMAC", "API", "IP"]);

/**
 * Everything a person reads on the page — text, and the labels, placeholders and titles assistive
 * technology reads — with the given user data (names, messages, e-mails) taken out. What is left in
 * Latin letters is English the catalogue did not cover.
 */
export async function untranslated(page: Page, userData: string[]): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (parent && !["SCRIPT", "STYLE", "NOSCRIPT"].includes(parent.tagName)) out.push(n.textContent ?? "");
    }
    for (const el of document.body.querySelectorAll("[aria-label],[placeholder],[title]")) {
      for (const attr of ["aria-label", "placeholder", "title"]) {
        const v = el.getAttribute(attr);
        if (v) out.push(v);
      }
    }
    out.push(document.title);
    return out;
  });
  const left: string[] = [];
  for (let text of texts) {
    for (const data of userData) text = text.split(data).join(" ");
    for (const word of text.match(/[A-Za-z]{2,}/g) ?? []) if (!UNIVERSAL.has(word)) left.push(`${word} (in "${text.trim().slice(0, 80)}")`);
  }
  return [...new Set(left)];
}
