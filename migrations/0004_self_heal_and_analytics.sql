CREATE TABLE `analytics_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`user_id` text,
	`organisation_id` text,
	`project_id` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `analytics_events_org_idx` ON `analytics_events` (`organisation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `analytics_events_type_idx` ON `analytics_events` (`type`,`created_at`);--> statement-breakpoint
CREATE TABLE `self_heal_events` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text,
	`project_id` text,
	`type` text NOT NULL,
	`severity` text NOT NULL,
	`message` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `self_heal_events_org_idx` ON `self_heal_events` (`organisation_id`,`id`);--> statement-breakpoint
CREATE INDEX `self_heal_events_type_idx` ON `self_heal_events` (`type`,`created_at`);