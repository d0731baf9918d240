ALTER TABLE `deployments` ADD `site_url` text;--> statement-breakpoint
-- custom: backfill site_url of deployments already live, from their own url with the project label in place of theirs
UPDATE `deployments` SET `site_url` = replace(`url`, `label` || '.', `site_label` || '.') WHERE `url` IS NOT NULL;
