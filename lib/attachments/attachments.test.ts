import { describe, expect, it } from "vitest";
import { acceptedContentType } from "./content-types";
import { fileExtension, sanitiseFileName } from "./file-name";
import { readMultipart } from "./read-multipart";
import { contentDisposition } from "./serve-attachment";
import { bytesMatchType, imageSize } from "./sniff";

const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const GIF_3X2 = Buffer.from([...Buffer.from("GIF89a"), 3, 0, 2, 0, 0, 0, 0]);
// SOI, an APP0 segment of 16 bytes, then SOF0 with height 20 and width 30.
const JPEG_30X20 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...Array(14).fill(0), 0xff, 0xc0, 0, 17, 8, 0, 20, 0, 30, 3, 0, 0, 0, 0, 0, 0, 0, 0]);

// SPEC §12 / issue #8: what Parley accepts, and how it names and serves it.
describe("attachments: types, sniffing, names", () => {
  it("accepts listed types (aliases normalised, parameters dropped), falls back to the extension for octet-stream, refuses the rest", () => {
    expect(acceptedContentType("image/PNG; charset=binary", "a.png")).toEqual({ contentType: "image/png", fileType: "image" });
    expect(acceptedContentType("image/jpg", "a.jpg")).toEqual({ contentType: "image/jpeg", fileType: "image" });
    expect(acceptedContentType("application/octet-stream", "report.PDF")).toEqual({ contentType: "application/pdf", fileType: "file" });
    expect(acceptedContentType("", "clip.mp4")).toEqual({ contentType: "video/mp4", fileType: "video" });
    expect(acceptedContentType("audio/mp3", "a.mp3")).toEqual({ contentType: "audio/mpeg", fileType: "audio" });
    expect(acceptedContentType("text/html", "a.html")).toBeNull();
    expect(acceptedContentType("image/svg+xml", "a.svg")).toBeNull();
    expect(acceptedContentType("application/octet-stream", "run.exe")).toBeNull();
    // A declared type is not overridden by the extension.
    expect(acceptedContentType("text/html", "a.png")).toBeNull();
  });

  it("sniffs images and PDFs and reads image sizes", () => {
    expect(bytesMatchType("image/png", PNG_1X1)).toBe(true);
    expect(bytesMatchType("image/png", GIF_3X2)).toBe(false);
    expect(bytesMatchType("image/gif", GIF_3X2)).toBe(true);
    expect(bytesMatchType("image/jpeg", JPEG_30X20)).toBe(true);
    expect(bytesMatchType("application/pdf", Buffer.from("<html>"))).toBe(false);
    expect(bytesMatchType("text/plain", Buffer.from("anything"))).toBe(true);
    expect(imageSize("image/png", PNG_1X1)).toEqual({ width: 1, height: 1 });
    expect(imageSize("image/gif", GIF_3X2)).toEqual({ width: 3, height: 2 });
    expect(imageSize("image/jpeg", JPEG_30X20)).toEqual({ width: 30, height: 20 });
    expect(imageSize("image/png", PNG_1X1.subarray(0, 12))).toBeNull();
  });

  it("file names: last path segment, trimmed; control, bidi, empty and over-long names refused", () => {
    expect(sanitiseFileName("C:\\fakepath\\photo.png")).toBe("photo.png");
    expect(sanitiseFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitiseFileName("  rapport d’été.pdf ")).toBe("rapport d’été.pdf");
    for (const bad of ["", "  ", "..", "a/", "a\u0000b", "a\nb", "gnp\u202e.exe", "x".repeat(256)]) expect(sanitiseFileName(bad)).toBeNull();
    expect(fileExtension("a.tar.GZ")).toBe("GZ");
    expect(fileExtension(".bashrc")).toBeNull();
  });

  it("Content-Disposition: ASCII fallback plus the exact UTF-8 name; quotes cannot break out", () => {
    expect(contentDisposition("attachment", 'a"b\\c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
    expect(contentDisposition("inline", "été (1).png")).toBe(`inline; filename="_t_ (1).png"; filename*=UTF-8''%C3%A9t%C3%A9%20%281%29.png`);
  });

  it("multipart fields: Rails bracket names nest, [] collects arrays; files keep their field", async () => {
    const fd = new FormData();
    fd.append("message[content]", "hi");
    fd.append("message[echo_id]", "e1");
    fd.append("tags[]", "a");
    fd.append("tags[]", "b");
    fd.append("message[attachments][]", new Blob(["x"], { type: "text/plain" }), "a.txt");
    const req = new Request("http://x/", { method: "POST", body: fd });
    const { fields, files } = await readMultipart(req, 1024);
    expect(fields).toEqual({ message: { content: "hi", echo_id: "e1" }, tags: ["a", "b"] });
    expect(files.map((f) => [f.field, f.file.name])).toEqual([["message[attachments][]", "a.txt"]]);
  });
});
