ALTER TABLE `workspaces` ADD `slack_app_id` text;--> statement-breakpoint
ALTER TABLE `people` ADD `status_emoji` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `status_text` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `status_expires_at` integer;