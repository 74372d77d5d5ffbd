import { openDatabase, type Db } from "@/db/client";
import { seedDemo } from "@/scripts/seed/seed-demo";
import { env, type Env } from "@/lib/env";

/** Seeds the demo workspace and prints the login once, when it was just created. */
export async function seedAndReport(db: Db, config: Pick<Env, "SEED_ADMIN_EMAIL" | "SEED_PASSWORD">): Promise<void> {
  const result = await seedDemo(db, {
    adminEmail: config.SEED_ADMIN_EMAIL ?? "admin@example.com",
    password: config.SEED_PASSWORD,
  });
  if (!result.created) {
    console.log(`Demo workspace already seeded (administrator ${result.adminEmail}); nothing changed.`);
    return;
  }
  const lines = [
    "Parley demo workspace created.",
    `  Administrator: ${result.adminEmail}`,
    "  Agents:        sam@example.com, jordan@example.com",
    result.generatedPassword ? `  Password:      ${result.password}   (generated — shown only this once; set SEED_PASSWORD to choose it)` : "  Password:      the value of SEED_PASSWORD",
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const rule = "─".repeat(width);
  console.log(`\n┌${rule}┐\n${lines.map((l) => `│ ${l.padEnd(width - 1)}│`).join("\n")}\n└${rule}┘\n`);
}

/** Opens the configured database, applies the migrations, seeds the demo workspace once, closes it. */
export async function migrateAndSeed(config: Env = env()): Promise<void> {
  const database = await openDatabase(config);
  try {
    await database.migrate();
    await seedAndReport(database.db, config);
  } finally {
    await database.close();
  }
}
