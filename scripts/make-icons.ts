// One-off: renders public/icon.svg into the PNG icons and favicon.ico that public/ ships (docs/ui.md).
// Run `npx tsx scripts/make-icons.ts` after changing the SVG; the outputs are committed.
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const svg = readFileSync("public/icon.svg", "utf8");

async function main() {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const page = await browser.newPage();
  const render = async (size: number, opaque = false) => {
    await page.setViewportSize({ width: size, height: size });
    // The apple-touch icon is shown on a tile iOS rounds itself: opaque, the brand colour behind it.
    await page.setContent(
      `<html><body style="margin:0;background:${opaque ? "#1f93ff" : "transparent"}">${svg.replace("<svg ", `<svg width="${size}" height="${size}" style="display:block" `)}</body></html>`,
    );
    return page.screenshot({ omitBackground: !opaque, type: "png" });
  };
  writeFileSync("public/apple-touch-icon.png", await render(180, true));
  writeFileSync("public/icon-192.png", await render(192));
  writeFileSync("public/icon-512.png", await render(512));
  // An ICO holding PNG images (every browser since IE 9 reads them): 16, 32 and 48 px.
  const pngs = await Promise.all([16, 32, 48].map((s) => render(s)));
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach((png, i) => {
    const size = [16, 32, 48][i]!;
    const at = 6 + 16 * i;
    header.writeUInt8(size, at);
    header.writeUInt8(size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  writeFileSync("public/favicon.ico", Buffer.concat([header, ...pngs]));
  await browser.close();
}

void main();
