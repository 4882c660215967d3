CREATE TABLE `duplicate_dirty` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`record_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `duplicate_dirty_kind_idx` ON `duplicate_dirty` (`kind`,`seq`);