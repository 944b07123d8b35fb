CREATE TABLE `deal_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`rep_id` integer NOT NULL,
	`deal_id` integer NOT NULL,
	`log_entry_id` integer,
	`text` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rep_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`log_entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_notes_deal_idx` ON `deal_notes` (`deal_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `deal_notes_log_entry_idx` ON `deal_notes` (`log_entry_id`);--> statement-breakpoint
CREATE TABLE `deal_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`person_id` integer NOT NULL,
	`log_entry_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`candidates` text DEFAULT '[]' NOT NULL,
	`activity_ids` text DEFAULT '[]' NOT NULL,
	`item` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`answered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`log_entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_questions_log_entry_idx` ON `deal_questions` (`log_entry_id`);--> statement-breakpoint
ALTER TABLE `workspaces` ADD `activity_stage_map` text;--> statement-breakpoint
ALTER TABLE `log_entries` ADD `count_changes` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `log_entries` ADD `confirmation` text;--> statement-breakpoint
CREATE INDEX `activities_stageless_idx` ON `activities` (`workspace_id`) WHERE "activities"."stage" is null;