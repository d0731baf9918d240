CREATE TABLE `usage` (
	`organisation_id` text NOT NULL,
	`day` text NOT NULL,
	`model` text NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`calls` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `day`, `model`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
