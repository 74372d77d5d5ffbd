// GET|POST /api/v1/accounts/{account_id}/canned_responses – list (?search= ranked as Chatwoot) for any member; create (administrators)
import { z } from "zod";
import { cannedResponseSchema, createCannedResponse, listCannedResponses, presentCannedResponse } from "@/lib/canned-responses/canned-responses";
import { withAccount } from "@/lib/http/with-auth";
import { noNul, NUL_MESSAGE } from "@/lib/validation";

const query = z.object({ search: z.string().max(200).refine(noNul, NUL_MESSAGE).optional() });

export const GET = withAccount(async ({ db, account, query }) => Response.json((await listCannedResponses(db, { accountId: account.id, search: query.search })).map(presentCannedResponse)), { query });

export const POST = withAccount(async ({ db, account, body }) => Response.json(presentCannedResponse(await createCannedResponse(db, { accountId: account.id, input: body }))), {
  body: cannedResponseSchema,
  role: "administrator",
});
