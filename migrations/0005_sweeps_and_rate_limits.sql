CREATE TABLE `rate_limits` (
	`key` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`key`, `window_start`)
);
--> statement-breakpoint
CREATE INDEX `rate_limits_window_idx` ON `rate_limits` (`window_start`);--> statement-breakpoint
ALTER TABLE `deployments` ADD `sweeps` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `test_suites` ADD `sweeps` integer DEFAULT 0 NOT NULL;