import { z } from "zod";
import { pathId } from "@/lib/validation";

/** `[messageId]`: a Postgres int4 id; anything else names nothing (404). */
export const messageParams = z.object({ messageId: pathId });
