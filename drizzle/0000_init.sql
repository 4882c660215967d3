CREATE TABLE `access_request` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`material_id` text NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_reason` text,
	FOREIGN KEY (`material_id`) REFERENCES `material`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_request_status_idx` ON `access_request` (`status`);--> statement-breakpoint
CREATE INDEX `access_request_user_idx` ON `access_request` (`user_id`,`material_id`);--> statement-breakpoint
CREATE TABLE `api_token` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_token_hash_idx` ON `api_token` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_token_user_idx` ON `api_token` (`user_id`);--> statement-breakpoint
CREATE TABLE `assistance_request` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`country_code` text NOT NULL,
	`agency_id` text,
	`agency_name` text,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`expected_participants` integer,
	`wanted_from` text,
	`wanted_to` text,
	`urgency` text DEFAULT 'medium' NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`status_reason` text,
	`is_public` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`country_code`) REFERENCES `country`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_country_idx` ON `assistance_request` (`country_code`,`status`);--> statement-breakpoint
CREATE TABLE `audience` (
	`code` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_event` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`record_kind` text NOT NULL,
	`record_id` text NOT NULL,
	`changes` text
);
--> statement-breakpoint
CREATE INDEX `audit_record_idx` ON `audit_event` (`record_kind`,`record_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_event` (`actor_id`,`at`);--> statement-breakpoint
CREATE TABLE `country` (
	`code` text PRIMARY KEY NOT NULL,
	`alpha2` text NOT NULL,
	`numeric` text NOT NULL,
	`name_en` text NOT NULL,
	`name_un` text,
	`name_fr` text,
	`name_es` text,
	`name_ru` text,
	`name_ar` text,
	`name_zh` text,
	`region_code` text,
	`region_name` text,
	`subregion_code` text,
	`subregion_name` text,
	`intermediate_code` text,
	`intermediate_name` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `country_alpha2_idx` ON `country` (`alpha2`);--> statement-breakpoint
CREATE INDEX `country_region_idx` ON `country` (`region_code`);--> statement-breakpoint
CREATE TABLE `course_audience` (
	`course_id` text NOT NULL,
	`audience_code` text NOT NULL,
	PRIMARY KEY(`course_id`, `audience_code`),
	FOREIGN KEY (`course_id`) REFERENCES `course`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audience_code`) REFERENCES `audience`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_audience_aud_idx` ON `course_audience` (`audience_code`);--> statement-breakpoint
CREATE TABLE `course_language` (
	`course_id` text NOT NULL,
	`language` text NOT NULL,
	PRIMARY KEY(`course_id`, `language`),
	FOREIGN KEY (`course_id`) REFERENCES `course`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_language_lang_idx` ON `course_language` (`language`);--> statement-breakpoint
CREATE TABLE `course_offence` (
	`course_id` text NOT NULL,
	`offence_code` text NOT NULL,
	PRIMARY KEY(`course_id`, `offence_code`),
	FOREIGN KEY (`course_id`) REFERENCES `course`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offence_code`) REFERENCES `offence_focus`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_offence_off_idx` ON `course_offence` (`offence_code`);--> statement-breakpoint
CREATE TABLE `course_topic` (
	`course_id` text NOT NULL,
	`topic_code` text NOT NULL,
	PRIMARY KEY(`course_id`, `topic_code`),
	FOREIGN KEY (`course_id`) REFERENCES `course`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_code`) REFERENCES `topic`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_topic_topic_idx` ON `course_topic` (`topic_code`);--> statement-breakpoint
CREATE TABLE `course` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`provider_id` text NOT NULL,
	`level` text NOT NULL,
	`mode` text NOT NULL,
	`duration_hours` real,
	`prerequisites` text,
	`status` text DEFAULT 'active' NOT NULL,
	`duplicate_of` text,
	FOREIGN KEY (`provider_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`duplicate_of`) REFERENCES `course`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_provider_idx` ON `course` (`provider_id`);--> statement-breakpoint
CREATE INDEX `course_title_idx` ON `course` (`title`);--> statement-breakpoint
CREATE TABLE `duplicate_decision` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`kind` text NOT NULL,
	`id_a` text NOT NULL,
	`id_b` text NOT NULL,
	`decision` text NOT NULL,
	`note` text,
	`merge_snapshot` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `duplicate_pair_idx` ON `duplicate_decision` (`kind`,`id_a`,`id_b`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE `external_alias` (
	`reporting_org_id` text NOT NULL,
	`external_id` text NOT NULL,
	`session_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`reporting_org_id`, `external_id`),
	FOREIGN KEY (`reporting_org_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `follow` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_unique_idx` ON `follow` (`user_id`,`kind`,`value`);--> statement-breakpoint
CREATE INDEX `follow_target_idx` ON `follow` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `funding` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`donor_id` text NOT NULL,
	`session_id` text,
	`request_id` text,
	`amount` real,
	`currency` text,
	`status` text NOT NULL,
	`note` text,
	FOREIGN KEY (`donor_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `assistance_request`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `funding_session_idx` ON `funding` (`session_id`);--> statement-breakpoint
CREATE INDEX `funding_request_idx` ON `funding` (`request_id`);--> statement-breakpoint
CREATE INDEX `funding_donor_idx` ON `funding` (`donor_id`);--> statement-breakpoint
CREATE TABLE `login_attempt` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempt_key_idx` ON `login_attempt` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `material` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`title` text NOT NULL,
	`description` text,
	`kind` text NOT NULL,
	`language` text NOT NULL,
	`licence` text,
	`course_id` text,
	`publisher_id` text NOT NULL,
	`edition` text,
	`access_level` text DEFAULT 'public' NOT NULL,
	`file_name` text,
	`file_path` text,
	`file_size` integer,
	`media_type` text,
	`sha256` text,
	`external_url` text,
	FOREIGN KEY (`course_id`) REFERENCES `course`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`publisher_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `material_course_idx` ON `material` (`course_id`);--> statement-breakpoint
CREATE INDEX `material_publisher_idx` ON `material` (`publisher_id`);--> statement-breakpoint
CREATE TABLE `needs_assessment_item` (
	`assessment_id` text NOT NULL,
	`topic_code` text NOT NULL,
	`level` integer NOT NULL,
	`notes` text,
	PRIMARY KEY(`assessment_id`, `topic_code`),
	FOREIGN KEY (`assessment_id`) REFERENCES `needs_assessment`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_code`) REFERENCES `topic`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `needs_assessment` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`country_code` text NOT NULL,
	`assessed_on` text NOT NULL,
	`assessor` text NOT NULL,
	`notes` text,
	FOREIGN KEY (`country_code`) REFERENCES `country`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `needs_assessment_country_idx` ON `needs_assessment` (`country_code`,`assessed_on`);--> statement-breakpoint
CREATE TABLE `notification` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`message` text NOT NULL,
	`link` text,
	`read_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notification_user_idx` ON `notification` (`user_id`,`read_at`,`at`);--> statement-breakpoint
CREATE TABLE `offence_focus` (
	`code` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organisation` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`acronym` text,
	`kind` text NOT NULL,
	`country_code` text,
	`website` text,
	`description` text,
	`duplicate_of` text,
	FOREIGN KEY (`country_code`) REFERENCES `country`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`duplicate_of`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `organisation_name_idx` ON `organisation` (`name`);--> statement-breakpoint
CREATE INDEX `organisation_acronym_idx` ON `organisation` (`acronym`);--> statement-breakpoint
CREATE TABLE `request_audience` (
	`request_id` text NOT NULL,
	`audience_code` text NOT NULL,
	PRIMARY KEY(`request_id`, `audience_code`),
	FOREIGN KEY (`request_id`) REFERENCES `assistance_request`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audience_code`) REFERENCES `audience`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `request_language` (
	`request_id` text NOT NULL,
	`language` text NOT NULL,
	PRIMARY KEY(`request_id`, `language`),
	FOREIGN KEY (`request_id`) REFERENCES `assistance_request`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `request_match` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`request_id` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`note` text,
	FOREIGN KEY (`request_id`) REFERENCES `assistance_request`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_match_req_idx` ON `request_match` (`request_id`);--> statement-breakpoint
CREATE INDEX `request_match_target_idx` ON `request_match` (`kind`,`target_id`);--> statement-breakpoint
CREATE TABLE `request_status_event` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`note` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`by` text,
	FOREIGN KEY (`request_id`) REFERENCES `assistance_request`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_status_event_req_idx` ON `request_status_event` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `request_topic` (
	`request_id` text NOT NULL,
	`topic_code` text NOT NULL,
	PRIMARY KEY(`request_id`, `topic_code`),
	FOREIGN KEY (`request_id`) REFERENCES `assistance_request`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_code`) REFERENCES `topic`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_topic_topic_idx` ON `request_topic` (`topic_code`);--> statement-breakpoint
CREATE TABLE `session_audience` (
	`session_id` text NOT NULL,
	`audience_code` text NOT NULL,
	PRIMARY KEY(`session_id`, `audience_code`),
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audience_code`) REFERENCES `audience`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_audience_aud_idx` ON `session_audience` (`audience_code`);--> statement-breakpoint
CREATE TABLE `session_country` (
	`session_id` text NOT NULL,
	`country_code` text NOT NULL,
	PRIMARY KEY(`session_id`, `country_code`),
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country_code`) REFERENCES `country`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_country_country_idx` ON `session_country` (`country_code`);--> statement-breakpoint
CREATE TABLE `session_funder` (
	`session_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	PRIMARY KEY(`session_id`, `organisation_id`),
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_funder_org_idx` ON `session_funder` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `session_offence` (
	`session_id` text NOT NULL,
	`offence_code` text NOT NULL,
	PRIMARY KEY(`session_id`, `offence_code`),
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offence_code`) REFERENCES `offence_focus`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_offence_off_idx` ON `session_offence` (`offence_code`);--> statement-breakpoint
CREATE TABLE `session_topic` (
	`session_id` text NOT NULL,
	`topic_code` text NOT NULL,
	PRIMARY KEY(`session_id`, `topic_code`),
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_code`) REFERENCES `topic`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_topic_topic_idx` ON `session_topic` (`topic_code`);--> statement-breakpoint
CREATE TABLE `session_trainer` (
	`session_id` text NOT NULL,
	`trainer_id` text NOT NULL,
	PRIMARY KEY(`session_id`, `trainer_id`),
	FOREIGN KEY (`session_id`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trainer_id`) REFERENCES `trainer`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_trainer_trainer_idx` ON `session_trainer` (`trainer_id`);--> statement-breakpoint
CREATE TABLE `topic` (
	`code` text PRIMARY KEY NOT NULL,
	`parent_code` text,
	`label` text NOT NULL,
	`description` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`parent_code`) REFERENCES `topic`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `topic_parent_idx` ON `topic` (`parent_code`);--> statement-breakpoint
CREATE TABLE `trainer_country` (
	`trainer_id` text NOT NULL,
	`country_code` text NOT NULL,
	PRIMARY KEY(`trainer_id`, `country_code`),
	FOREIGN KEY (`trainer_id`) REFERENCES `trainer`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country_code`) REFERENCES `country`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trainer_country_country_idx` ON `trainer_country` (`country_code`);--> statement-breakpoint
CREATE TABLE `trainer_language` (
	`trainer_id` text NOT NULL,
	`language` text NOT NULL,
	PRIMARY KEY(`trainer_id`, `language`),
	FOREIGN KEY (`trainer_id`) REFERENCES `trainer`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trainer_language_lang_idx` ON `trainer_language` (`language`);--> statement-breakpoint
CREATE TABLE `trainer_topic` (
	`trainer_id` text NOT NULL,
	`topic_code` text NOT NULL,
	PRIMARY KEY(`trainer_id`, `topic_code`),
	FOREIGN KEY (`trainer_id`) REFERENCES `trainer`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`topic_code`) REFERENCES `topic`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trainer_topic_topic_idx` ON `trainer_topic` (`topic_code`);--> statement-breakpoint
CREATE TABLE `trainer` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`organisation_id` text,
	`bio` text,
	`email` text,
	`phone` text,
	`contact_consent` integer DEFAULT false NOT NULL,
	`user_id` text,
	`duplicate_of` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`duplicate_of`) REFERENCES `trainer`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trainer_org_idx` ON `trainer` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `trainer_name_idx` ON `trainer` (`name`);--> statement-breakpoint
CREATE TABLE `training_session` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`course_id` text,
	`title` text NOT NULL,
	`provider_id` text NOT NULL,
	`reporting_org_id` text NOT NULL,
	`external_id` text,
	`provider_ref` text,
	`host_country` text NOT NULL,
	`city` text,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`status` text NOT NULL,
	`language` text,
	`mode` text,
	`participants` integer,
	`participants_female` integer,
	`participants_male` integer,
	`participants_by_audience` text,
	`outcomes` text,
	`notes` text,
	`duplicate_of` text,
	FOREIGN KEY (`course_id`) REFERENCES `course`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporting_org_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_country`) REFERENCES `country`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`duplicate_of`) REFERENCES `training_session`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_reporter_external_idx` ON `training_session` (`reporting_org_id`,`external_id`) WHERE external_id IS NOT NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `session_start_idx` ON `training_session` (`start_date`);--> statement-breakpoint
CREATE INDEX `session_host_idx` ON `training_session` (`host_country`,`start_date`);--> statement-breakpoint
CREATE INDEX `session_provider_idx` ON `training_session` (`provider_id`);--> statement-breakpoint
CREATE INDEX `session_course_idx` ON `training_session` (`course_id`);--> statement-breakpoint
CREATE INDEX `session_status_idx` ON `training_session` (`status`,`end_date`);--> statement-breakpoint
CREATE TABLE `user` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`organisation_id` text,
	`country_code` text,
	`vetted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country_code`) REFERENCES `country`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_idx` ON `user` (`email`);