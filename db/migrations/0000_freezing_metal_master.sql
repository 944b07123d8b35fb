CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `installations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`bot_user_id` text,
	`bot_token` text,
	`scopes` text,
	`installed_by` text,
	`installed_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `installations_workspace_uq` ON `installations` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`slack_user_id` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`email` text,
	`role` text DEFAULT 'rep' NOT NULL,
	`slack_admin` integer DEFAULT false NOT NULL,
	`manager_id` integer,
	`tz` text DEFAULT 'UTC' NOT NULL,
	`quota` integer,
	`is_bot` integer DEFAULT false NOT NULL,
	`is_deleted` integer DEFAULT false NOT NULL,
	`preferences` text DEFAULT '{}' NOT NULL,
	`profile_refreshed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`manager_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_workspace_user_uq` ON `people` (`workspace_id`,`slack_user_id`);--> statement-breakpoint
CREATE INDEX `people_workspace_email_idx` ON `people` (`workspace_id`,`email`);--> statement-breakpoint
CREATE INDEX `people_manager_idx` ON `people` (`manager_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`manager_id` integer NOT NULL,
	`name` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`manager_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_manager_uq` ON `teams` (`manager_id`);--> statement-breakpoint
CREATE TABLE `stages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`outcome` text,
	`stale_after_days` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stages_workspace_key_uq` ON `stages` (`workspace_id`,`key`);--> statement-breakpoint
CREATE TABLE `deals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`rep_id` integer NOT NULL,
	`external_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`amount_cents` integer,
	`stage` text NOT NULL,
	`furthest_stage` text NOT NULL,
	`outcome` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	`last_activity_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rep_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deals_workspace_external_uq` ON `deals` (`workspace_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `deals_rep_name_idx` ON `deals` (`rep_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `deals_rep_outcome_idx` ON `deals` (`rep_id`,`outcome`);--> statement-breakpoint
CREATE TABLE `log_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`person_id` integer NOT NULL,
	`source` text NOT NULL,
	`source_ref` text NOT NULL,
	`raw_text` text NOT NULL,
	`unparsed` text DEFAULT '[]' NOT NULL,
	`amount_changes` text DEFAULT '[]' NOT NULL,
	`reply_channel` text,
	`reply_ts` text,
	`edited_ts` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`deleted_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `log_entries_source_ref_uq` ON `log_entries` (`workspace_id`,`source_ref`);--> statement-breakpoint
CREATE INDEX `log_entries_person_idx` ON `log_entries` (`person_id`);--> statement-breakpoint
CREATE TABLE `deal_stage_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`stage` text NOT NULL,
	`entered_at` integer NOT NULL,
	`log_entry_id` integer,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`log_entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_stage_history_deal_idx` ON `deal_stage_history` (`deal_id`,`entered_at`);--> statement-breakpoint
CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`rep_id` integer NOT NULL,
	`type` text NOT NULL,
	`count` integer NOT NULL,
	`occurred_at` integer NOT NULL,
	`deal_id` integer,
	`stage` text,
	`log_entry_id` integer,
	`import_ref` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rep_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`log_entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `activities_rep_time_idx` ON `activities` (`rep_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_log_entry_idx` ON `activities` (`log_entry_id`);--> statement-breakpoint
CREATE INDEX `activities_deal_idx` ON `activities` (`deal_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `activities_import_ref_uq` ON `activities` (`workspace_id`,`import_ref`);--> statement-breakpoint
CREATE TABLE `goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`person_id` integer NOT NULL,
	`metric` text NOT NULL,
	`target` real NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
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
CREATE INDEX `goals_person_period_idx` ON `goals` (`person_id`,`period_start`);--> statement-breakpoint
CREATE TABLE `exemplars` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`stage` text NOT NULL,
	`title` text NOT NULL,
	`url` text NOT NULL,
	`added_by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `exemplars_stage_idx` ON `exemplars` (`workspace_id`,`stage`);--> statement-breakpoint
CREATE TABLE `expectations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`person_id` integer NOT NULL,
	`activity_type` text NOT NULL,
	`per` text NOT NULL,
	`amount` real NOT NULL,
	`derivation` text DEFAULT '{}' NOT NULL,
	`computed_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `expectations_run_uq` ON `expectations` (`person_id`,`computed_at`,`activity_type`);--> statement-breakpoint
CREATE TABLE `focus_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`person_id` integer NOT NULL,
	`stage` text NOT NULL,
	`expected_gain` real NOT NULL,
	`evidence` text DEFAULT '{}' NOT NULL,
	`to_stage` text,
	`reason_code` text DEFAULT 'new' NOT NULL,
	`computed_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `focus_areas_run_uq` ON `focus_areas` (`person_id`,`computed_at`);--> statement-breakpoint
CREATE TABLE `tier_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`person_id` integer NOT NULL,
	`tier` text NOT NULL,
	`reason_code` text NOT NULL,
	`reason_text` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`computed_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tier_snapshots_run_uq` ON `tier_snapshots` (`person_id`,`computed_at`);--> statement-breakpoint
CREATE TABLE `action_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`owner_id` integer NOT NULL,
	`text` text NOT NULL,
	`due_date` text,
	`done_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `action_items_owner_idx` ON `action_items` (`owner_id`,`done_at`);--> statement-breakpoint
CREATE TABLE `agenda_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`one_on_one_id` integer NOT NULL,
	`meeting_id` integer,
	`author_id` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`one_on_one_id`) REFERENCES `one_on_ones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agenda_items_one_on_one_idx` ON `agenda_items` (`one_on_one_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`one_on_one_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`notes` text,
	`notes_logged_at` integer,
	FOREIGN KEY (`one_on_one_id`) REFERENCES `one_on_ones`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_occurrence_uq` ON `meetings` (`one_on_one_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `one_on_ones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`manager_id` integer NOT NULL,
	`rep_id` integer NOT NULL,
	`cadence` text NOT NULL,
	`weekday` integer NOT NULL,
	`local_time` text NOT NULL,
	`tz` text NOT NULL,
	`anchor_date` text NOT NULL,
	`lead_minutes` integer DEFAULT 60 NOT NULL,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`manager_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rep_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `one_on_ones_pair_uq` ON `one_on_ones` (`manager_id`,`rep_id`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`period_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`slack_channel` text,
	`slack_ts` text,
	`error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recipient_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_key_uq` ON `deliveries` (`kind`,`recipient_id`,`period_key`);--> statement-breakpoint
CREATE INDEX `deliveries_message_idx` ON `deliveries` (`slack_channel`,`slack_ts`);