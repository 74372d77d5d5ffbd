import { z } from "zod";
import { INT4_MAX } from "@/lib/http/with-public-inbox";

/** `[messageId]`: a Postgres int4 id; anything else names nothing (404). */
export const messageParams = z.object({
  messageId: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .refine((n) => n <= INT4_MAX),
});
