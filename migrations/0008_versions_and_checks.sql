CREATE TABLE `version_changes` (
	`version_id` text NOT NULL,
	`path` text NOT NULL,
	`change` text NOT NULL,
	PRIMARY KEY(`version_id`, `path`),
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `version_files` (
	`version_id` text NOT NULL,
	`path` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	PRIMARY KEY(`version_id`, `path`),
	FOREIGN KEY (`version_id`) REFERENCES `versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `versions` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`number` integer NOT NULL,
	`source` text NOT NULL,
	`summary` text NOT NULL,
	`message_id` text,
	`model` text,
	`checks` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `versions_project_number_unique` ON `versions` (`project_id`,`number`);--> statement-breakpoint
ALTER TABLE `deployments` ADD `version_id` text;--> statement-breakpoint
ALTER TABLE `plan_steps` ADD `checks` text;--> statement-breakpoint
ALTER TABLE `plan_steps` ADD `last_error` text;--> statement-breakpoint
-- custom: every project with files gets version 1, its current files (source 'generate' when a step wrote each of them, else 'edit')
INSERT INTO `versions` (`id`, `project_id`, `number`, `source`, `summary`, `message_id`, `model`, `checks`, `created_at`)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
  `project_id`, 1,
  CASE WHEN COUNT(`step_id`) = COUNT(*) THEN 'generate' ELSE 'edit' END,
  'The files as they were when versions began', NULL, NULL, NULL, MAX(`updated_at`)
FROM `files` GROUP BY `project_id`;--> statement-breakpoint
INSERT INTO `version_files` (`version_id`, `path`, `sha256`, `size`)
SELECT `versions`.`id`, `files`.`path`, `files`.`sha256`, `files`.`size` FROM `files` JOIN `versions` ON `versions`.`project_id` = `files`.`project_id` AND `versions`.`number` = 1;--> statement-breakpoint
INSERT INTO `version_changes` (`version_id`, `path`, `change`)
SELECT `version_id`, `path`, 'added' FROM `version_files`;
