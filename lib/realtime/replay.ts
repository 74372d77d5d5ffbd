import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { audienceFilter, type Audience } from "./audience";
import { streamEventColumns, toStreamEvent, type StreamEvent } from "./relay";

const PAGE = 500;

/**
 * Replays what `audience` may see after position `afterSeq`, in position order, page by page (E5);
 * the audience rule runs in SQL so a stranger's events never leave the database. Returns the last
 * position delivered (or `afterSeq` when there was nothing).
 */
export async function replayEvents(db: Db, audience: Audience, afterSeq: number, onEvent: (e: StreamEvent) => void, opts: { pageSize?: number } = {}): Promise<number> {
  const pageSize = opts.pageSize ?? PAGE;
  const filter = audienceFilter(audience);
  let last = afterSeq;
  for (;;) {
    const rows = await queryRows<Parameters<typeof toStreamEvent>[0]>(db, sql`select ${streamEventColumns} from events where seq > ${last} and ${filter} order by seq limit ${pageSize}`);
    for (const row of rows) {
      const e = toStreamEvent(row);
      last = e.seq;
      onEvent(e);
    }
    if (rows.length < pageSize) return last;
  }
}
