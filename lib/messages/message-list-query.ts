import { z } from "zod";

const messageId = z.string().regex(/^\d{1,12}$/, "must be a message id").transform(Number);

/** M8 paging parameters of the messages index: message ids, not timestamps. */
export const messageListQuerySchema = z.object({ before: messageId.optional(), after: messageId.optional() });
