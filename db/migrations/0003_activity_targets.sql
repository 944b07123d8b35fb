CREATE TABLE `activity_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`person_id` integer NOT NULL,
	`targets` text NOT NULL,
	`proposed_targets` text NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`proposed_by_id` integer,
	`agreed_by_id` integer,
	`agreed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`agreed_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `activity_targets_person_status_idx` ON `activity_targets` (`person_id`,`status`);