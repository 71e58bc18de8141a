CREATE TABLE `sync_issue_aliases` (
	`uid` text PRIMARY KEY NOT NULL,
	`survivor` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `sync_records` ADD `issue` text;--> statement-breakpoint
ALTER TABLE `sync_records` ADD `round` text;--> statement-breakpoint
CREATE INDEX `sync_records_issue_ix` ON `sync_records` (`issue`);--> statement-breakpoint
CREATE INDEX `sync_records_round_ix` ON `sync_records` (`round`);--> statement-breakpoint
CREATE INDEX `sync_records_creation_ix` ON `sync_records` (json_extract("after", '$.org'), json_extract("after", '$.level'), json_extract("after", '$.number')) WHERE "kind" = 'issue' AND "field" = 'row' AND "before" = 'null';--> statement-breakpoint
UPDATE `sync_records` SET `issue` = json_extract(`key`, '$.issue'), `round` = json_extract(`key`, '$.round');
