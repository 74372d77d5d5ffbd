import { openDatabase } from "@/db/client";
import { createEmptyPostgresDatabase, dropPostgresDatabase } from "./support/db";

/**
 * Once per vitest run: a fresh Postgres database migrated from the committed migrations, used as
 * the template every test file clones (CREATE DATABASE … TEMPLATE is fast), dropped at the end.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const { name, url } = await createEmptyPostgresDatabase("parley_tpl");
  const db = await openDatabase({ DATABASE_URL: url, DATA_DIR: ".data", DATABASE_POOL_MAX: 2 });
  await db.migrate();
  await db.close();
  process.env.TEST_PG_TEMPLATE = name;
  return async () => {
    await dropPostgresDatabase(name);
  };
}
