DROP INDEX `evaluations_round_rank_ix`;--> statement-breakpoint
CREATE INDEX `evaluations_round_rank_issue_ix` ON `evaluations` (`round_id`,`rank`,`issue_id`);--> statement-breakpoint
CREATE INDEX `organizations_order_ix` ON `organizations` (`display_order`,`id`);