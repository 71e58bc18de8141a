ALTER TABLE `evaluations` ADD `carried` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `evaluations_carried_ix` ON `evaluations` (`round_id`,`issue_id`) WHERE "evaluations"."carried" = 1;--> statement-breakpoint
ALTER TABLE `rounds` ADD `locked_by` text;--> statement-breakpoint
CREATE INDEX `audit_log_round_ix` ON `audit_log` (`round_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_ix` ON `audit_log` (`entity`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_reverts_ix` ON `audit_log` (`reverts_id`) WHERE "audit_log"."reverts_id" IS NOT NULL;