DROP TABLE `installations`;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `enterprise_id` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `uninstalled_at` integer;