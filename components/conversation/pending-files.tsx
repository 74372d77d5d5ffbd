"use client";

/* eslint-disable @next/next/no-img-element -- a local blob: preview of a file being uploaded */
import { useEffect, useState } from "react";
import { PaperclipIcon } from "@/components/ui/icons";

/** The files of a message being sent: images previewed from memory, others by name. */
export function PendingFiles({ files }: { files: File[] }) {
  if (!files.length) return null;
  return (
    <ul className="mt-1.5 flex flex-wrap gap-2">
      {files.map((f, i) => (
        <li key={`${f.name}-${i}`}>
          {f.type.startsWith("image/") ? (
            <LocalImage file={f} />
          ) : (
            <span className="inline-flex items-center gap-1 text-xs">
              <PaperclipIcon className="h-3.5 w-3.5 shrink-0" />
              {f.name}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function LocalImage({ file }: { file: File }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(file);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the object URL exists only while mounted
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  return url ? <img src={url} alt={file.name} className="max-h-32 max-w-48 rounded-md border border-black/10 dark:border-white/10 object-cover" /> : <span className="text-xs">{file.name}</span>;
}
