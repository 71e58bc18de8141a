CREATE TABLE `import_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`before` text,
	`after` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_changes_import_ix` ON `import_changes` (`import_id`,`id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`round_id` integer,
	`version_label` text,
	`inquiry_id` integer,
	`counts` text NOT NULL,
	`backup_path` text,
	`undone_at` text,
	`undone_by` text,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `imports_at_ix` ON `imports` (`at`);--> statement-breakpoint
CREATE TABLE `inquiries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`label` text NOT NULL,
	`title` text NOT NULL,
	`secret` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inquiries_uid_uq` ON `inquiries` (`uid`);--> statement-breakpoint
CREATE TABLE `inquiry_forms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`inquiry_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`generated_at` text NOT NULL,
	`returned_at` text,
	`return_file_name` text,
	`import_id` integer,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inquiry_forms_org_uq` ON `inquiry_forms` (`inquiry_id`,`organization_id`);--> statement-breakpoint
CREATE TABLE `inquiry_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`form_id` integer NOT NULL,
	`issue_id` integer NOT NULL,
	`base_version_id` integer,
	`base_hash` text NOT NULL,
	FOREIGN KEY (`form_id`) REFERENCES `inquiry_forms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inquiry_items_uq` ON `inquiry_items` (`form_id`,`issue_id`);