import { z } from "zod";
import { env } from "@/lib/env";
import { savedUrlProblem } from "./url-guard";

/**
 * An outbound URL as it is saved (WH4): http(s), no credentials, at most 2048 characters, and no
 * literal loopback/private address unless WEBHOOK_ALLOW_PRIVATE. Shared by every receiver Parley
 * POSTs to (an API inbox's webhook_url, an agent bot's outgoing_url).
 */
export const outboundUrlField = z
  .string("can't be blank")
  .trim()
  .min(1, "can't be blank")
  .max(2048, "is too long (maximum is 2048 characters)")
  .superRefine((v, ctx) => {
    const problem = savedUrlProblem(v, env().WEBHOOK_ALLOW_PRIVATE);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
