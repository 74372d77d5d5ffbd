import { ConfigError } from "@/lib/env";

/** Runs a script's main function: configuration errors print plainly and exit 1, others with a stack. */
export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof ConfigError) console.error(err.message);
      else console.error(err);
      process.exit(1);
    },
  );
}
