import type { WebWidget } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Contacts (widget and Client API) upload only where the inbox's `attachments` feature is on (W2),
 * checked before anything is written. Agents are not bound by it: the flag is about the visitor's composer.
 */
export function assertAttachmentsEnabled(widget: Pick<WebWidget, "featureAttachments">, files: readonly unknown[]): void {
  if (files.length > 0 && !widget.featureAttachments) throw AppError.validation({ attachments: ["are not enabled for this inbox"] });
}
