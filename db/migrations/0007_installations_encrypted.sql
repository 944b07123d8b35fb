CREATE TABLE `installations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`install_key` text NOT NULL,
	`enterprise_id` text,
	`team_id` text,
	`is_enterprise_install` integer DEFAULT false NOT NULL,
	`app_id` text,
	`bot_id` text,
	`bot_user_id` text,
	`bot_scopes` text,
	`installer_user_id` text,
	`secrets` text,
	`key_id` text,
	`bot_token_expires_at` integer,
	`installed_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`uninstalled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `installations_key_uq` ON `installations` (`install_key`);--> statement-breakpoint
CREATE INDEX `installations_team_idx` ON `installations` (`team_id`);--> statement-breakpoint
CREATE INDEX `installations_enterprise_idx` ON `installations` (`enterprise_id`);