"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** An image's preview through an object URL, revoked when the file leaves the tray. */
function Thumbnail({ file }: { file: File }) {
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const url = URL.createObjectURL(file);
    if (img.current) img.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [file]);
  // eslint-disable-next-line @next/next/no-img-element -- a local object URL; next/image cannot optimise it
  return <img ref={img} alt="" className="h-10 w-10 rounded bg-slate-100 dark:bg-slate-800 object-cover" />;
}

/** The files waiting to go with the next message (SPEC U1 attachments, at most 15 — M1). */
export function AttachmentTray({ files, onRemove }: { files: File[]; onRemove(index: number): void }) {
  const t = useTranslations("conversation.composer");
  if (files.length === 0) return null;
  return (
    <ul aria-label={t("attachments")} className="flex flex-wrap gap-2 px-3 pt-2">
      {files.map((file, i) => (
        <li
          key={`${i}-${file.name}-${file.size}-${file.lastModified}`}
          className="flex max-w-60 items-center gap-2 rounded-md border border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-950 py-1 pr-1 pl-1.5 text-xs"
        >
          {file.type.startsWith("image/") ? (
            <Thumbnail file={file} />
          ) : (
            <span
              aria-hidden="true"
              className="flex h-10 w-10 items-center justify-center rounded bg-slate-200 dark:bg-slate-700 text-[10px] font-semibold text-slate-600 dark:text-slate-400 uppercase"
            >
              {file.name.split(".").pop()?.slice(0, 4) || t("file")}
            </span>
          )}
          <span className="min-w-0">
            <span className="block truncate font-medium text-slate-800 dark:text-slate-200">{file.name}</span>
            <span className="block text-slate-500 dark:text-slate-400">{formatSize(file.size)}</span>
          </span>
          <button
            type="button"
            aria-label={t("remove", { name: file.name })}
            onClick={() => onRemove(i)}
            className="ml-1 rounded p-1 text-slate-500 dark:text-slate-400 hover:bg-slate-200 dark:hover:bg-slate-700 hover:text-slate-700 dark:hover:text-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
