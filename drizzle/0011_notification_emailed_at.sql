ALTER TABLE `notification` ADD `emailed_at` text;--> statement-breakpoint
CREATE INDEX `notification_unmailed_idx` ON `notification` (`at`) WHERE emailed_at IS NULL;