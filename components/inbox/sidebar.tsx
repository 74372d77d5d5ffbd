import Link from "next/link";
import { Avatar } from "@/components/ui/avatar";
import { SignOutButton } from "@/components/inbox/sign-out-button";
import type { SidebarCounts, SidebarInbox } from "./types";

type View = "mine" | "unassigned" | "all";

export function Sidebar(props: {
  accountName: string;
  basePath: string;
  view: View;
  inboxId: number | null;
  counts: SidebarCounts;
  inboxes: SidebarInbox[];
  user: { name: string; email: string };
  /** Administrators get a Settings link (SPEC §10); agents see none. */
  isAdministrator?: boolean;
}) {
  const accountPath = props.basePath.replace(/\/conversations$/, "");
  const views: { key: View; label: string }[] = [
    { key: "mine", label: "Mine" },
    { key: "unassigned", label: "Unassigned" },
    { key: "all", label: "All" },
  ];
  const item = (active: boolean) =>
    `flex items-center justify-between rounded-md px-2.5 py-1.5 text-sm ${active ? "bg-white/10 text-white" : "text-slate-300 hover:bg-white/5 hover:text-white"}`;
  return (
    <nav aria-label="Sidebar" className="flex w-60 shrink-0 flex-col bg-slate-900 text-slate-200">
      <div className="flex items-center gap-2 px-4 py-4">
        <span className="inline-flex h-7 w-7 items-center justify-center rounded-lg bg-brand-500 text-sm font-bold text-white">P</span>
        <div className="min-w-0">
          <p className="text-sm font-semibold text-white">Parley</p>
          <p className="truncate text-xs text-slate-400">{props.accountName}</p>
        </div>
      </div>
      <div className="flex-1 space-y-6 overflow-y-auto px-2 pb-4">
        <div>
          <p className="px-2.5 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Conversations</p>
          <ul className="space-y-0.5">
            {views.map((v) => (
              <li key={v.key}>
                <Link href={`${props.basePath}?view=${v.key}`} className={item(props.inboxId === null && props.view === v.key)}>
                  <span>{v.label}</span>
                  <span className="text-xs tabular-nums text-slate-400">{props.counts[v.key]}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <p className="px-2.5 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Inboxes</p>
          <ul className="space-y-0.5">
            {props.inboxes.map((inbox) => (
              <li key={inbox.id}>
                <Link href={`${props.basePath}?view=all&inbox_id=${inbox.id}`} className={item(props.inboxId === inbox.id)}>
                  <span className="truncate">{inbox.name}</span>
                  {inbox.unread > 0 && (
                    <span className="rounded-full bg-brand-500 px-1.5 text-[11px] font-semibold text-white">{inbox.unread}</span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="border-t border-white/10 p-3">
        <div className="flex items-center gap-2">
          <Avatar name={props.user.name} size="sm" />
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm text-white">{props.user.name}</p>
            <p className="truncate text-xs text-slate-400">{props.user.email}</p>
          </div>
        </div>
        <div className="mt-2 flex items-center gap-3 text-xs">
          {props.isAdministrator && (
            <Link href={`${accountPath}/settings`} className="text-slate-300 hover:text-white">
              Settings
            </Link>
          )}
          <Link href={`${accountPath}/profile`} className="text-slate-300 hover:text-white">
            Profile
          </Link>
          <SignOutButton />
        </div>
      </div>
    </nav>
  );
}
