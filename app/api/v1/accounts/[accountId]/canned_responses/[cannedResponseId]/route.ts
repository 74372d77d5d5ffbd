// PATCH|PUT|DELETE /api/v1/accounts/{account_id}/canned_responses/{id} – edit or delete a canned response (administrators)
import { cannedResponseUpdateSchema, deleteCannedResponse, presentCannedResponse, updateCannedResponse } from "@/lib/canned-responses/canned-responses";
import { headOk } from "@/lib/http/app-params";
import { cannedResponseParams } from "@/lib/http/settings-params";
import { withAccount } from "@/lib/http/with-auth";

export const PATCH = withAccount(
  async ({ db, account, params, body }) => Response.json(presentCannedResponse(await updateCannedResponse(db, { accountId: account.id, id: params.cannedResponseId, input: body }))),
  { params: cannedResponseParams, body: cannedResponseUpdateSchema, role: "administrator" },
);
export const PUT = PATCH;

export const DELETE = withAccount(
  async ({ db, account, params }) => {
    await deleteCannedResponse(db, { accountId: account.id, id: params.cannedResponseId });
    return headOk();
  },
  { params: cannedResponseParams, role: "administrator" },
);
