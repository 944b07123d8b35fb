CREATE TABLE `call_review_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`review_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`text` text NOT NULL,
	`source_ref` text NOT NULL,
	`relay_channel` text,
	`relay_ts` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`review_id`) REFERENCES `call_reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_review_comments_source_uq` ON `call_review_comments` (`workspace_id`,`source_ref`);--> statement-breakpoint
CREATE INDEX `call_review_comments_review_idx` ON `call_review_comments` (`review_id`);--> statement-breakpoint
CREATE INDEX `call_review_comments_relay_idx` ON `call_review_comments` (`relay_channel`,`relay_ts`);--> statement-breakpoint
CREATE TABLE `call_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`rep_id` integer NOT NULL,
	`reviewer_id` integer,
	`url` text NOT NULL,
	`deal_id` integer,
	`call_stage` text,
	`status` text NOT NULL,
	`request_note` text,
	`requested_at` integer,
	`went_well` text,
	`one_thing` text,
	`one_thing_stage` text,
	`exemplar_id` integer,
	`shared_at` integer,
	`tried_at` integer,
	`submission_ref` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rep_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`exemplar_id`) REFERENCES `exemplars`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `call_reviews_rep_idx` ON `call_reviews` (`rep_id`,`status`,`shared_at`);--> statement-breakpoint
CREATE INDEX `call_reviews_workspace_idx` ON `call_reviews` (`workspace_id`,`status`,`shared_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `call_reviews_submission_uq` ON `call_reviews` (`workspace_id`,`submission_ref`);