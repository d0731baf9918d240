CREATE INDEX `analytics_events_project_idx` ON `analytics_events` (`project_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `self_heal_events_project_idx` ON `self_heal_events` (`project_id`);