import { useTranslations } from "next-intl";
/* eslint-disable @next/next/no-img-element -- attachments come from Parley's authenticated route, not next/image's optimiser */
import { PaperclipIcon } from "@/components/ui/icons";
import { safeAttachmentUrl } from "./attachment-url";
import type { AttachmentView } from "./thread-message";

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The push carries no file name (Chatwoot's shape); the download itself is named by the server. */
function fileName(a: AttachmentView, t: (key: "file" | "typedFile", values?: { type: string }) => string): string {
  if (a.file_name) return a.file_name;
  return a.extension ? t("typedFile", { type: a.extension.toUpperCase() }) : t("file");
}

/** Images inline (opening full size in a new tab), other files as a download chip. */
export function AttachmentList({ attachments }: { attachments: AttachmentView[] }) {
  const t = useTranslations("conversation.attachment");
  if (!attachments.length) return null;
  return (
    <ul className="mt-1.5 flex flex-wrap gap-2">
      {attachments.map((a) => {
        const href = safeAttachmentUrl(a.data_url);
        if (!href) return null;
        const thumb = safeAttachmentUrl(a.thumb_url) ?? href;
        return (
          <li key={a.id}>
            {a.file_type === "image" ? (
              <a href={href} target="_blank" rel="noopener noreferrer" className="block">
                <img src={thumb} alt={fileName(a, t)} loading="lazy" className="max-h-48 max-w-64 rounded-md border border-black/10 dark:border-white/10 object-cover" />
              </a>
            ) : (
              <a
                href={href}
                download
                className="inline-flex max-w-64 items-center gap-2 rounded-md border border-black/10 dark:border-white/10 bg-white/70 dark:bg-slate-900/70 px-2.5 py-1.5 text-xs text-slate-700 dark:text-slate-300 hover:bg-white dark:hover:bg-slate-800"
              >
                <PaperclipIcon className="h-3.5 w-3.5 shrink-0" />
                <span className="truncate">{fileName(a, t)}</span>
                <span className="shrink-0 text-slate-500 dark:text-slate-400">{size(a.file_size)}</span>
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
