import { z } from "zod";
import { queryRecordId as messageId } from "@/lib/validation";

/** M8 paging parameters of the messages index: message ids, not timestamps. */
export const messageListQuerySchema = z.object({ before: messageId.optional(), after: messageId.optional() });
