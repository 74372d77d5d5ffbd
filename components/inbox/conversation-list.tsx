import Link from "next/link";
import { ConversationCard } from "./conversation-card";
import type { ConversationCardData } from "./types";

const statuses = ["open", "pending", "snoozed", "resolved", "all"] as const;
export type StatusFilter = (typeof statuses)[number];

export function ConversationList(props: {
  title: string;
  rows: ConversationCardData[];
  status: StatusFilter;
  hrefFor: (q: { status?: StatusFilter; conversation?: number }) => string;
  activeId: number | null;
  now: Date;
}) {
  return (
    <section aria-label="Conversations" className="flex w-[23rem] shrink-0 flex-col border-r border-slate-200 bg-white">
      <header className="border-b border-slate-200 px-4 pt-4">
        <h1 className="text-base font-semibold text-slate-900">{props.title}</h1>
        <div className="mt-3 flex justify-between" role="tablist" aria-label="Status">
          {statuses.map((s) => (
            <Link
              key={s}
              role="tab"
              aria-selected={props.status === s}
              href={props.hrefFor({ status: s })}
              className={`border-b-2 px-1.5 pb-2 text-[13px] capitalize ${props.status === s ? "border-brand-500 font-medium text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
            >
              {s}
            </Link>
          ))}
        </div>
      </header>
      {props.rows.length === 0 ? (
        <div className="flex flex-1 flex-col items-center justify-center p-8 text-center">
          <p className="text-sm font-medium text-slate-700">Nothing here</p>
          <p className="mt-1 text-sm text-slate-500">No {props.status === "all" ? "" : props.status} conversations in this view.</p>
        </div>
      ) : (
        <ul className="flex-1 overflow-y-auto">
          {props.rows.map((c) => (
            <li key={c.displayId}>
              <ConversationCard c={c} now={props.now} active={c.displayId === props.activeId} href={props.hrefFor({ conversation: c.displayId })} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
