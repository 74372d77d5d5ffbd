import type { WidgetAttachment } from "./api";
import { h } from "./dom";
import { w } from "./words";

/**
 * Attachments in the widget. Files are served only with the visitor's token in X-Auth-Token (never in
 * a URL), so an <img src> cannot load them: each is fetched once with the header and shown from a
 * blob: URL, which lives as long as the page. Images preview inline; other files download on click
 * under the name the server gives them (Content-Disposition).
 */
export type FileLoader = (a: WidgetAttachment) => Promise<{ url: string; name: string }>;

export function createFileLoader(websiteToken: string, getToken: () => string | null): FileLoader {
  const cache = new Map<number, Promise<{ url: string; name: string }>>();
  return (a) => {
    let loaded = cache.get(a.id);
    if (!loaded) {
      loaded = fetchFile(websiteToken, getToken(), a);
      cache.set(a.id, loaded);
      loaded.catch(() => cache.delete(a.id)); // a failed load may be tried again
    }
    return loaded;
  };
}

async function fetchFile(websiteToken: string, token: string | null, a: WidgetAttachment): Promise<{ url: string; name: string }> {
  const res = await fetch(`/api/v1/widget/attachments/${a.id}?website_token=${encodeURIComponent(websiteToken)}`, { headers: token ? { "X-Auth-Token": token } : {} });
  if (!res.ok) throw new Error(`attachment ${a.id}: ${res.status}`);
  return { url: URL.createObjectURL(await res.blob()), name: fileNameOf(res.headers.get("content-disposition")) ?? `attachment-${a.id}${a.extension ? `.${a.extension}` : ""}` };
}

/** The `filename*` (RFC 5987) or `filename` of a Content-Disposition header. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A message's stored attachments: image previews and download buttons. */
export function attachmentList(attachments: WidgetAttachment[], load: FileLoader): HTMLElement {
  const list = h("div", { className: "pw-files" });
  for (const a of attachments) {
    const label = `${a.extension ? a.extension.toUpperCase() : w("file")} · ${formatSize(a.file_size)}`;
    if (a.file_type === "image") {
      const img = h("img", { className: "pw-preview", alt: w("imageAttachment", { label }), width: a.width ?? undefined, height: a.height ?? undefined });
      list.append(img);
      load(a).then(
        (f) => {
          img.src = f.url;
          img.alt = f.name;
        },
        () => img.replaceWith(h("span", { className: "pw-file" }, w("imageUnavailable"))),
      );
    } else {
      const button = h("button", { type: "button", className: "pw-file" }, w("download", { label }));
      button.addEventListener("click", () => {
        load(a).then(
          (f) => {
            const link = h("a", { href: f.url, download: f.name });
            link.click();
          },
          () => (button.textContent = w("downloadFailed")),
        );
      });
      list.append(button);
    }
  }
  return list;
}

/** Files chosen in the composer, before sending: local previews (object URLs of the files themselves). */
export function pendingList(files: File[], onRemove: (i: number) => void): HTMLElement {
  const list = h("ul", { className: "pw-pending", "aria-label": w("filesToSend") });
  files.forEach((f, i) => {
    const preview = f.type.startsWith("image/") ? h("img", { className: "pw-thumb", src: URL.createObjectURL(f), alt: "" }) : null;
    // A decoded image keeps showing; its object URL is no longer needed.
    preview?.addEventListener("load", () => URL.revokeObjectURL(preview.src), { once: true });
    list.append(
      h(
        "li",
        {},
        preview,
        h("span", {}, `${f.name} (${formatSize(f.size)})`),
        h("button", { type: "button", className: "pw-icon", "aria-label": w("remove", { name: f.name }), onclick: () => onRemove(i) }, "×"),
      ),
    );
  });
  return list;
}
