/**
 * Next.js start-up hook (called once per server instance). Starts the in-process maintenance sweep
 * for single-instance installs; Node runtime only, since it needs the database drivers and timers.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startEmbeddedSweeper } = await import("./lib/maintenance/embedded-sweeper");
  startEmbeddedSweeper();
}
