CREATE TABLE `designed_templates` (
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`base_template_id` text NOT NULL,
	`template` text NOT NULL,
	`missing_features` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `deployments` ADD `site_url` text;--> statement-breakpoint
ALTER TABLE `plans` ADD `fit` text DEFAULT 'exact' NOT NULL;--> statement-breakpoint
ALTER TABLE `plans` ADD `missing_features` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- custom: backfill site_url of deployments already live, from their own url with the project label in place of theirs
UPDATE `deployments` SET `site_url` = replace(`url`, `label` || '.', `site_label` || '.') WHERE `url` IS NOT NULL;
