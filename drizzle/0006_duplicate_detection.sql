CREATE TABLE `duplicate_candidate` (
	`kind` text NOT NULL,
	`id_a` text NOT NULL,
	`id_b` text NOT NULL,
	`score` real NOT NULL,
	`reasons` text NOT NULL,
	`computed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`kind`, `id_a`, `id_b`)
);
--> statement-breakpoint
CREATE INDEX `duplicate_candidate_score_idx` ON `duplicate_candidate` (`kind`,`score`);--> statement-breakpoint
CREATE INDEX `duplicate_candidate_b_idx` ON `duplicate_candidate` (`kind`,`id_b`);--> statement-breakpoint
CREATE TABLE `duplicate_scan` (
	`kind` text PRIMARY KEY NOT NULL,
	`watermark` text,
	`full_scan_at` text
);
--> statement-breakpoint
CREATE TABLE `session_block` (
	`country_code` text NOT NULL,
	`topic_code` text NOT NULL,
	`start_date` text NOT NULL,
	`session_id` text NOT NULL,
	`end_date` text NOT NULL,
	`provider_id` text NOT NULL,
	`status` text NOT NULL,
	PRIMARY KEY(`country_code`, `topic_code`, `start_date`, `session_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `session_block_session_idx` ON `session_block` (`session_id`);--> statement-breakpoint
CREATE INDEX `session_updated_idx` ON `training_session` (`updated_at`);