CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`issue_id` integer,
	`round_id` integer,
	`before` text,
	`after` text,
	`reverts_id` integer
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_ix` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_issue_ix` ON `audit_log` (`issue_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_ix` ON `audit_log` (`actor`,`at`);--> statement-breakpoint
CREATE TABLE `evaluations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`issue_id` integer NOT NULL,
	`round_id` integer NOT NULL,
	`rank` text,
	`comment` text DEFAULT '' NOT NULL,
	`comment_sort` text DEFAULT '' NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluations_issue_round_uq` ON `evaluations` (`issue_id`,`round_id`);--> statement-breakpoint
CREATE INDEX `evaluations_round_rank_ix` ON `evaluations` (`round_id`,`rank`);--> statement-breakpoint
CREATE TABLE `issue_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`issue_id` integer NOT NULL,
	`label` text NOT NULL,
	`as_of` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`content` text,
	`background` text,
	`actions` text,
	`progress` text,
	`remarks` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issue_versions_label_uq` ON `issue_versions` (`issue_id`,`label`);--> statement-breakpoint
CREATE TABLE `issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`organization_id` integer NOT NULL,
	`level` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`title_sort` text NOT NULL,
	`data_note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "issues_level_ck" CHECK("issues"."level" in ('A','B','C')),
	CONSTRAINT "issues_number_ck" CHECK("issues"."number" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issues_uid_uq` ON `issues` (`uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `issues_key_uq` ON `issues` (`organization_id`,`level`,`number`);--> statement-breakpoint
CREATE INDEX `issues_title_sort_ix` ON `issues` (`title_sort`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`short_name` text NOT NULL,
	`full_name` text NOT NULL,
	`kind` text NOT NULL,
	`display_order` integer NOT NULL,
	`full_name_assumed` integer DEFAULT false NOT NULL,
	CONSTRAINT "organizations_kind_ck" CHECK("organizations"."kind" in ('局','区','委員会等')),
	CONSTRAINT "organizations_short_name_ck" CHECK(length(trim("organizations"."short_name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_short_name_uq` ON `organizations` (`short_name`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`label` text NOT NULL,
	`title` text NOT NULL,
	`as_of` text NOT NULL,
	`meeting_date` text,
	`scale_id` integer NOT NULL,
	`locked_at` text,
	FOREIGN KEY (`scale_id`) REFERENCES `scales`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_label_uq` ON `rounds` (`label`);--> statement-breakpoint
CREATE TABLE `scale_ranks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scale_id` integer NOT NULL,
	`value` text NOT NULL,
	`label` text NOT NULL,
	`definition` text NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`scale_id`) REFERENCES `scales`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scale_ranks_value_uq` ON `scale_ranks` (`scale_id`,`value`);--> statement-breakpoint
CREATE TABLE `scales` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scales_name_unique` ON `scales` (`name`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
