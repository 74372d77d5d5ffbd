/**
 * Next.js start-up hook (called once per server instance). Starts the in-process maintenance sweep
 * for single-instance installs. Node runtime only — it needs the database drivers and timers — and
 * written as Next's docs show, so the edge build drops the import.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startEmbeddedSweeper } = await import("./lib/maintenance/embedded-sweeper");
    startEmbeddedSweeper();
  }
}
