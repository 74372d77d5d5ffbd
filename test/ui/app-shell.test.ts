import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";

// U9: the dev badge keeps off the sidebar's avatar and Profile corner; U8: the icons the layout links exist.
describe("the app shell", () => {
  it("U9: the Next dev indicator is not in the bottom-left corner (the avatar and Profile link)", () => {
    const indicators = nextConfig.devIndicators;
    expect(indicators).toBeTruthy();
    expect(indicators && indicators.position).not.toBe("bottom-left");
    expect(indicators && indicators.position).toBeDefined();
  });

  it("U8: favicon.ico, apple-touch-icon, icons and a manifest are under public/ and the manifest names them", () => {
    for (const f of ["favicon.ico", "apple-touch-icon.png", "icon.svg", "icon-192.png", "icon-512.png", "manifest.webmanifest"]) expect(existsSync(`public/${f}`), f).toBe(true);
    const ico = readFileSync("public/favicon.ico");
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // an ICO header
    const manifest = JSON.parse(readFileSync("public/manifest.webmanifest", "utf8")) as { name: string; icons: { src: string }[] };
    expect(manifest.name).toBe("Parley");
    for (const icon of manifest.icons) expect(existsSync(`public${icon.src}`), icon.src).toBe(true);
  });
});
