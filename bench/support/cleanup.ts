/**
 * Undo steps for a benchmark: every database, process and Redis prefix a bench creates registers its
 * clean-up here, and they run last-in first-out when the bench ends — normally, on an error, on
 * Ctrl+C (SIGINT) or SIGTERM, or when its hard time limit passes — so an interrupted run leaves
 * nothing behind. Each clean-up runs once even if another one fails.
 */
const steps: Array<{ what: string; run: () => Promise<unknown> | unknown }> = [];
let stopping: Promise<never> | undefined;

/** Registers an undo step; returns a function that runs it now (and removes it from the stack). */
export function onCleanup(what: string, run: () => Promise<unknown> | unknown): () => Promise<void> {
  const step = { what, run };
  steps.push(step);
  return async () => {
    const i = steps.indexOf(step);
    if (i < 0) return;
    steps.splice(i, 1);
    await step.run();
  };
}

async function runAll(): Promise<void> {
  while (steps.length) {
    const step = steps.pop()!;
    try {
      await step.run();
    } catch (err) {
      console.error(`[bench] clean-up "${step.what}" failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function finish(code: number): Promise<never> {
  stopping ??= (async () => {
    await runAll();
    process.exit(code);
  })();
  return stopping;
}

/**
 * Runs a bench's main function with the clean-up stack, signal handling and a hard time limit
 * (`limitMs`; BENCH_TIME_LIMIT_S overrides it): a bench that overruns is stopped with a clear message
 * instead of hanging `bench:all`.
 */
export function runBench(name: string, main: () => Promise<void>, limitMs: number): void {
  const limit = process.env.BENCH_TIME_LIMIT_S ? Number(process.env.BENCH_TIME_LIMIT_S) * 1000 : limitMs;
  process.on("SIGINT", () => {
    console.error(`\n[bench] ${name}: interrupted — cleaning up`);
    void finish(130);
  });
  process.on("SIGTERM", () => {
    console.error(`[bench] ${name}: terminated — cleaning up`);
    void finish(143);
  });
  const timer = setTimeout(() => {
    console.error(`[bench] ${name}: exceeded its time limit of ${Math.round(limit / 1000)} s — stopping and cleaning up`);
    void finish(124);
  }, limit);
  timer.unref();
  main().then(
    () => finish(0),
    (err: unknown) => {
      if (stopping) return;
      console.error(`[bench] ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      void finish(1);
    },
  );
}
