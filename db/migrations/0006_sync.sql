CREATE TABLE `sync_conflicts` (
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`field` text NOT NULL,
	`heads` text NOT NULL,
	`issue_uid` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_conflicts_uq` ON `sync_conflicts` (`kind`,`key`,`field`);--> statement-breakpoint
CREATE INDEX `sync_conflicts_issue_ix` ON `sync_conflicts` (`issue_uid`);--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`record_id` text PRIMARY KEY NOT NULL,
	`batch_seq` integer
);
--> statement-breakpoint
CREATE TABLE `sync_records` (
	`id` text PRIMARY KEY NOT NULL,
	`hlc` text NOT NULL,
	`actor_user` text NOT NULL,
	`actor_pc` text NOT NULL,
	`action` text NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`field` text NOT NULL,
	`before` text,
	`after` text,
	`batch` text,
	`supersedes` text
);
--> statement-breakpoint
CREATE INDEX `sync_records_field_ix` ON `sync_records` (`kind`,`key`,`field`,`hlc`);--> statement-breakpoint
CREATE INDEX `sync_records_hlc_ix` ON `sync_records` (`hlc`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
