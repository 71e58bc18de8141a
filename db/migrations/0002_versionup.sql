CREATE TABLE `comparison_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`issue_id` integer NOT NULL,
	`from_version_id` integer NOT NULL,
	`to_version_id` integer NOT NULL,
	`note` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`from_version_id`) REFERENCES `issue_versions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`to_version_id`) REFERENCES `issue_versions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comparison_notes_pair_uq` ON `comparison_notes` (`issue_id`,`from_version_id`,`to_version_id`);--> statement-breakpoint
CREATE TABLE `writing_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`field` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`message` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`sort_order` integer NOT NULL,
	CONSTRAINT "writing_rules_kind_ck" CHECK(length("writing_rules"."kind") > 0)
);
--> statement-breakpoint
-- The default 記載チェック rule set (editable in the app's rules screen).
INSERT INTO `writing_rules` (`kind`, `field`, `params`, `message`, `enabled`, `sort_order`) VALUES
  ('required', 'title', '{}', '①課題名を記載してください', 1, 10),
  ('required', 'content', '{}', '②課題の内容(何を解決すべきか)を記載してください', 1, 20),
  ('required', 'background', '{}', '③課題の背景(なぜ課題なのか)を記載してください', 1, 30),
  ('required', 'actions', '{}', '④課題に対する取組を記載してください', 1, 40),
  ('minLength', 'content', '{"min":30}', '②課題の内容が短すぎます。解決すべき状態を具体的に記載してください', 1, 50),
  ('minLength', 'background', '{"min":30}', '③課題の背景が短すぎます。現状と原因を記載してください', 1, 60),
  ('numberTarget', 'actions', '{}', '④取組に数値目標(件数・割合・金額など)がありません。到達度を測れるよう記載してください', 1, 70),
  ('timeLimit', 'actions', '{}', '④取組に期限(令和○年度、○月までに など)がありません', 1, 80),
  ('similarity', 'content+background', '{"threshold":0.6}', '②課題の内容と③課題の背景の記載が似ています。何を解決すべきか(②)と、なぜ課題なのか(③)を分けて記載してください', 1, 90),
  ('onlyDeliberation', 'progress', '{"words":["検討","協議","調整"],"minRankOrder":2}', 'ランク2以上ですが、⑤の記載が検討・協議・調整のみで、具体的なアウトプットが確認できません', 1, 100);
