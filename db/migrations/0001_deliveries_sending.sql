ALTER TABLE `deliveries` ADD `due_at` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `subject_id` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `claimed_at` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `deliveries_due_idx` ON `deliveries` (`status`,`due_at`);