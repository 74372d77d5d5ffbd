/**
 * Magic numbers of the types whose bytes are checked: a file declared as one of these must start
 * like one, so a script or page renamed `photo.png` is refused rather than stored. Other accepted
 * types are only ever served as downloads (`Content-Disposition: attachment`, `nosniff`).
 */
const SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  "image/png": (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  "image/jpeg": (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  "image/gif": (b) => ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a",
  "image/webp": (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP",
  "application/pdf": (b) => ascii(b, 0, 5) === "%PDF-",
};

/** False when the content type is one that is sniffed and the bytes are not of that type. */
export function bytesMatchType(contentType: string, bytes: Uint8Array): boolean {
  const check = SIGNATURES[contentType];
  return check ? check(bytes) : true;
}

/** Width and height of a PNG, GIF, JPEG or WebP from its header; null when not found. */
export function imageSize(contentType: string, b: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const size = (width: number, height: number) => (width > 0 && height > 0 ? { width, height } : null);
  try {
    switch (contentType) {
      case "image/png":
        return size(view.getUint32(16), view.getUint32(20));
      case "image/gif":
        return size(view.getUint16(6, true), view.getUint16(8, true));
      case "image/jpeg":
        return jpegSize(view);
      case "image/webp":
        return webpSize(view, b);
    }
  } catch {
    // a header cut short: no dimensions, the file is still a file
  }
  return null;
}

function jpegSize(view: DataView): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < view.byteLength) {
    if (view.getUint8(at) !== 0xff) return null;
    const marker = view.getUint8(at + 1);
    // SOF0–SOF15 carry the frame size, except DHT (0xC4), JPG (0xC8) and DAC (0xCC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      const height = view.getUint16(at + 5);
      const width = view.getUint16(at + 7);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}

function webpSize(view: DataView, b: Uint8Array): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 16);
  if (chunk === "VP8X") return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff) };
  if (chunk === "VP8L") {
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === "VP8 ") return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  return null;
}

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((v, i) => b[i] === v);
}

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}
