CREATE INDEX "messages_account_created_idx" ON "messages" USING btree ("account_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
-- Hand-written (docs/search.md): search columns maintained by Postgres itself, kept out of the
-- drizzle schema so that ordinary reads of messages and contacts never carry them.
-- One text-search vector per message. The `russian` configuration stems Cyrillic words with the
-- Russian Snowball stemmer and ASCII words with the English one (its asciiword mapping), so one
-- vector serves both languages; queries use the same configuration.
ALTER TABLE "messages" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, coalesce("content", ''))) STORED;--> statement-breakpoint
CREATE INDEX "messages_search_vector_idx" ON "messages" USING gin ("search_vector");--> statement-breakpoint
-- Contacts: partial matches on name, email and identifier (one trigram index over their
-- concatenation) and on the phone's digits whatever the formatting typed.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_text" text GENERATED ALWAYS AS ("name" || ' ' || coalesce("email", '') || ' ' || coalesce("identifier", '')) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (regexp_replace(coalesce("phone_number", ''), '[^0-9]', '', 'g')) STORED;--> statement-breakpoint
CREATE INDEX "contacts_search_text_trgm_idx" ON "contacts" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_phone_digits_trgm_idx" ON "contacts" USING gin ("phone_digits" gin_trgm_ops);
