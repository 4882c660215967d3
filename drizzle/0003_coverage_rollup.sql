CREATE TABLE `coverage_meta` (
	`id` integer PRIMARY KEY NOT NULL,
	`max_span_days` integer DEFAULT 0 NOT NULL,
	`generation` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `coverage_rollup` (
	`period` text NOT NULL,
	`country_code` text NOT NULL,
	`topic_code` text NOT NULL,
	`status_class` text NOT NULL,
	`sessions` integer NOT NULL,
	`participants` integer NOT NULL,
	`last_end` text,
	PRIMARY KEY(`period`, `country_code`, `topic_code`, `status_class`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `topic_ancestor` (
	`topic_code` text NOT NULL,
	`ancestor_code` text NOT NULL,
	PRIMARY KEY(`topic_code`, `ancestor_code`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `session_span_idx` ON `training_session` (`start_date`,`end_date`);