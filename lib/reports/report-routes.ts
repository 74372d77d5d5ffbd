import { withAccount } from "@/lib/http/with-auth";
import type { RouteHandler } from "@/lib/http/edge";
import { tableCsv } from "./csv";
import { tableQuerySchema } from "./report-params";
import { presentTable, summaryTable, type Entity } from "./reports";

/**
 * The per-entity report routes differ only in the entity, so each route file is one call to these.
 * Reports are for administrators (Chatwoot's ReportPolicy): an agent gets 403.
 */
export function summaryTableRoute(entity: Entity): RouteHandler {
  return withAccount(async ({ db, account, query }) => Response.json(presentTable(entity, await summaryTable(db, account.id, entity, query))), {
    query: tableQuerySchema,
    role: "administrator",
  });
}

const FILE: Record<Entity, string> = { agent: "agents_report", inbox: "inboxes_report", label: "labels_report", team: "teams_report" };

export function tableCsvRoute(entity: Entity): RouteHandler {
  return withAccount(
    async ({ db, account, query }) =>
      new Response(tableCsv(entity, await summaryTable(db, account.id, entity, query), query), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename=${FILE[entity]}.csv` },
      }),
    { query: tableQuerySchema, role: "administrator" },
  );
}
