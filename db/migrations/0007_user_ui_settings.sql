ALTER TABLE "users" ADD COLUMN "ui_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Accounts could store languages Parley has no catalogue for (de, fr, es, pt, nl, it); they showed
-- English anyway, and now every locale is one Parley has (lib/i18n/locales.ts).
UPDATE "accounts" SET "locale" = 'en' WHERE "locale" NOT IN ('en', 'ru');
