CREATE TABLE `deployments` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`environment` text NOT NULL,
	`status` text NOT NULL,
	`label` text NOT NULL,
	`site_label` text NOT NULL,
	`url` text,
	`file_count` integer DEFAULT 0 NOT NULL,
	`has_worker` integer DEFAULT false NOT NULL,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deployments_project_idx` ON `deployments` (`project_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `deployments_label_unique` ON `deployments` (`label`);--> statement-breakpoint
CREATE INDEX `deployments_site_idx` ON `deployments` (`site_label`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `deployments_status_idx` ON `deployments` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `test_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`suite_id` text NOT NULL,
	`project_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`duration_ms` integer,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `test_cases_suite_idx` ON `test_cases` (`suite_id`,`position`);--> statement-breakpoint
CREATE TABLE `test_suites` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`target` text NOT NULL,
	`status` text NOT NULL,
	`code_key` text,
	`model` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `test_suites_project_idx` ON `test_suites` (`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `test_suites_status_idx` ON `test_suites` (`status`,`updated_at`);