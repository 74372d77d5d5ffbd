"use client";

import type { SendFailure } from "./composer-send";

/**
 * Under the composer: why it is disabled, why the last message was not sent (with Retry when the
 * text could not go back in the box because the agent had started another), and tray notices.
 */
export function ComposerStatus({ blocked, failure, notice, onRetry, onDismiss }: { blocked: string | null; failure: SendFailure | null; notice: string | null; onRetry(): void; onDismiss(): void }) {
  return (
    <>
      {blocked && <p className="mt-2 text-xs text-slate-600">{blocked} The composer is disabled.</p>}
      {failure && !blocked && (
        <div role="alert" className="mt-2 flex items-start gap-2 text-xs text-red-700">
          <p>
            Not sent: {failure.message}
            {failure.restored ? " Your message is back in the box — send it again when ready." : ""}
          </p>
          {!failure.restored && (
            <button type="button" onClick={onRetry} className="font-medium underline">
              Retry
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={onDismiss} className="ml-auto px-1 text-red-500 hover:text-red-800">
            ×
          </button>
        </div>
      )}
      {notice && (
        <p role="status" className="mt-2 text-xs text-slate-600">
          {notice}
        </p>
      )}
    </>
  );
}
