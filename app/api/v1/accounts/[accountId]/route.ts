// GET /api/v1/accounts/{account_id} – the account (Chatwoot's account detail) for any of its members
import { withAccount } from "@/lib/http/with-auth";

export const GET = withAccount(async ({ account }) =>
  Response.json({
    id: account.id,
    name: account.name,
    locale: account.locale,
    domain: null,
    support_email: null,
    status: "active",
    created_at: account.createdAt.toISOString(),
    cache_keys: {},
    features: [],
    settings: {},
    custom_attributes: {},
  }),
);
