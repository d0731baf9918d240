CREATE TABLE `file_versions` (
	`project_id` text NOT NULL,
	`path` text NOT NULL,
	`version` integer NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`language` text NOT NULL,
	`plan_id` text,
	`step_id` text,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`project_id`, `path`, `version`)
);
--> statement-breakpoint
CREATE INDEX `file_versions_sha_idx` ON `file_versions` (`sha256`);--> statement-breakpoint
CREATE TABLE `files` (
	`project_id` text NOT NULL,
	`path` text NOT NULL,
	`version` integer NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`language` text NOT NULL,
	`plan_id` text,
	`step_id` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`project_id`, `path`)
);
--> statement-breakpoint
CREATE INDEX `files_step_idx` ON `files` (`step_id`);--> statement-breakpoint
CREATE TABLE `plan_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`project_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`files` text NOT NULL,
	`depends_on` text NOT NULL,
	`features` text NOT NULL,
	`status` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `plan_steps_plan_idx` ON `plan_steps` (`plan_id`,`position`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`template_id` text NOT NULL,
	`base_template_id` text NOT NULL,
	`model` text NOT NULL,
	`features` text NOT NULL,
	`tech_stack` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `plans_project_idx` ON `plans` (`project_id`,`id`);