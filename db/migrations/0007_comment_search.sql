CREATE INDEX `evaluations_issue_round_rank_ix` ON `evaluations` (`issue_id`,`round_id`,`rank`,`carried`);--> statement-breakpoint
-- 所見 in the bigram search (db/search-index.ts), one document per evaluation (rowid =
-- evaluations.id, never reused: AUTOINCREMENT), so a search reads the index instead of scanning
-- every 所見 of the round with LIKE. The application writes the bigrams (the one write path) and
-- fills the table when searchIndexVersion changes. Contentless like issue_search.
CREATE VIRTUAL TABLE `comment_search` USING fts5(
  grams,
  content='',
  contentless_delete=1,
  tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"
);--> statement-breakpoint
-- A 所見 changed or an evaluation removed by any writer drops its document at once, so a search
-- never finds text that is no longer there (the write path then indexes the new text).
CREATE TRIGGER `evaluations_comment_search_au` AFTER UPDATE OF `comment` ON `evaluations`
WHEN old.comment IS NOT new.comment
BEGIN
  DELETE FROM `comment_search` WHERE rowid = old.id;
END;--> statement-breakpoint
CREATE TRIGGER `evaluations_comment_search_ad` AFTER DELETE ON `evaluations`
BEGIN
  DELETE FROM `comment_search` WHERE rowid = old.id;
END;
