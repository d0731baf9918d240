CREATE TABLE `token_reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`day` text NOT NULL,
	`tokens` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `token_reservations_organisation_day_idx` ON `token_reservations` (`organisation_id`,`day`);