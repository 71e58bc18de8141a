-- Full-text index over issue titles and version texts. FTS5's trigram tokenizer cannot match
-- queries shorter than 3 characters, so the application stores overlapping character bigrams
-- (db/search-index.ts) and this tokenizer keeps every letter, number, mark, punctuation and
-- symbol inside a token. Contentless: the text lives in issues / issue_versions.
CREATE VIRTUAL TABLE `issue_search` USING fts5(
  grams,
  content='',
  contentless_delete=1,
  tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"
);
