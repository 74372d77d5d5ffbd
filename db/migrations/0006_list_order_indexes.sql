DROP INDEX "conversations_account_last_activity_idx";--> statement-breakpoint
CREATE INDEX "conversations_account_status_last_activity_idx" ON "conversations" USING btree ("account_id","status","last_activity_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_account_status_assignee_idx" ON "conversations" USING btree ("account_id","status","assignee_id");--> statement-breakpoint
CREATE INDEX "conversations_account_last_activity_idx" ON "conversations" USING btree ("account_id","last_activity_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);