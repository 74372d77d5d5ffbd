import type { z } from "zod";
import type { Db } from "@/db/client";
import type { Account, AgentBot } from "@/db/schema";
import { findAgentBotByToken } from "@/lib/agent-bots/agent-bots";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "./body";
import { edge, type RawParams, type RouteHandler } from "./edge";
import { parseOr404, parseOr422 } from "./route-input";

export type BotContext<B extends z.ZodType, P extends z.ZodType> = { req: Request; db: Db; bot: AgentBot; account: Pick<Account, "id">; body: z.output<B>; params: z.output<P> };

const tokenOf = (req: Request) => req.headers.get("api_access_token") ?? req.headers.get("api-access-token");

/**
 * AB4: an Application API route an agent bot may call with its own `api_access_token` (Chatwoot
 * allows bot tokens on a few conversation routes). Bot tokens start with `bot_`, so a user's token
 * never costs a bot lookup: anything else goes to the route's user handler unchanged. A bot acts only
 * in its own account (another account's path is a 404) and only on conversations of inboxes it is
 * attached to (the handler's lookup, lib/agent-bots/bot-conversations.ts).
 */
export function orAgentBot<B extends z.ZodType, P extends z.ZodType>(userRoute: RouteHandler, botHandler: (ctx: BotContext<B, P>) => Promise<Response>, opts: { body: B; params: P }): RouteHandler {
  const botRoute = edge(async (req, rawParams: RawParams, db) => {
    const bot = await findAgentBotByToken(db, tokenOf(req) ?? "");
    if (!bot) throw new AppError("unauthorized", "Invalid Access Token");
    if (String(bot.accountId) !== rawParams.accountId) throw AppError.notFound();
    const params = parseOr404(opts.params, rawParams) as z.output<P>;
    const body = parseOr422(opts.body, (await readJsonBody(req)) ?? {}) as z.output<B>;
    return botHandler({ req, db, bot, account: { id: bot.accountId }, body, params });
  });
  return (req, ctx) => (tokenOf(req)?.startsWith("bot_") ? botRoute(req, ctx) : userRoute(req, ctx));
}
