import Link from "next/link";
import { Avatar } from "@/components/ui/avatar";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ConversationCardData } from "./types";

const priorityStyle: Record<string, string> = {
  urgent: "bg-rose-100 text-rose-700",
  high: "bg-orange-100 text-orange-700",
  medium: "bg-amber-100 text-amber-700",
  low: "bg-slate-100 text-slate-600",
};

/** Waiting time colour: calm under 5 minutes, amber under 30, red beyond. */
function waitingTone(waitingSince: Date | null, now: Date): string {
  if (!waitingSince) return "bg-transparent";
  const minutes = (now.getTime() - waitingSince.getTime()) / 60_000;
  if (minutes < 5) return "bg-emerald-400";
  if (minutes < 30) return "bg-amber-400";
  return "bg-rose-500";
}

export function ConversationCard({ c, href, now, active }: { c: ConversationCardData; href: string; now: Date; active: boolean }) {
  const preview = c.lastMessage?.content ?? "No messages yet";
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`relative flex gap-3 border-b border-slate-100 px-4 py-3 hover:bg-slate-50 ${active ? "bg-brand-50" : "bg-white"}`}
    >
      <span aria-hidden className={`absolute top-0 left-0 h-full w-0.5 ${waitingTone(c.waitingSince, now)}`} />
      <Avatar name={c.contactName} />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <span className={`truncate text-sm ${c.unreadCount > 0 ? "font-semibold text-slate-900" : "font-medium text-slate-800"}`}>
            {c.contactName}
          </span>
          <span className="ml-auto shrink-0 text-xs text-slate-400">
            <RelativeTime date={c.lastActivityAt} now={now} />
          </span>
        </div>
        <div className="mt-0.5 flex items-center gap-2 text-xs text-slate-500">
          <span className="truncate">{c.inboxName}</span>
          <span aria-hidden>·</span>
          <span>#{c.displayId}</span>
          {c.priority && <span className={`rounded px-1.5 py-px text-[10px] font-medium uppercase ${priorityStyle[c.priority]}`}>{c.priority}</span>}
        </div>
        <div className="mt-1 flex items-center gap-2">
          <p className="min-w-0 flex-1 truncate text-sm text-slate-600">
            {c.lastMessage?.private && <span className="mr-1 rounded bg-amber-100 px-1 text-[10px] font-medium text-amber-800">Note</span>}
            {c.lastMessage && !c.lastMessage.incoming && !c.lastMessage.private && <span className="text-slate-400">You: </span>}
            {preview}
          </p>
          {c.unreadCount > 0 && (
            <span className="rounded-full bg-brand-500 px-1.5 text-[11px] font-semibold text-white" aria-label={`${c.unreadCount} unread`}>
              {c.unreadCount > 9 ? "9+" : c.unreadCount}
            </span>
          )}
        </div>
        {c.assigneeName && <p className="mt-1 truncate text-xs text-slate-400">Assigned to {c.assigneeName}</p>}
      </div>
    </Link>
  );
}
