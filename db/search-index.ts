// Bigram full-text search. FTS5's trigram tokenizer silently matches nothing for queries under
// three characters, which is most Japanese words (施設, 窓口). We index every overlapping pair of
// characters instead; a query becomes a phrase of its own bigrams (adjacent positions), and a
// one-character query a prefix match.
//
// An issue's document: its title, every version's ①–⑤, its readable key (会計-A-1), its 局区's
// short and full names and the secretariat's notes (事務局メモ). 所見 belong to a round: each
// evaluation's 所見 is its own document in comment_search (rowid = evaluations.id), which the grid
// joins to the evaluations of the round shown (db/queries/issues.ts).
import type Database from 'better-sqlite3';
import { statement } from './statements.js';

/** Bump when the tokenisation below changes; opening a database then rebuilds the index. */
export const SEARCH_INDEX_VERSION = 3;

const END = '\u0003'; // pairs the last character of a run so that 1-char prefix queries find it

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Space-separated bigram tokens of `text`; whitespace breaks runs. */
export function bigrams(text: string): string {
  const out: string[] = [];
  for (const run of normalize(text).split(/\s+/)) {
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) out.push(chars[i] + (chars[i + 1] ?? END));
  }
  return out.join(' ');
}

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/** C0 controls and DEL: never in a search term (a NUL ended FTS5's string: "unterminated string"). */
const CONTROL = /\p{Cc}/gu;

/** The whitespace-separated terms of a user query, as the index spells them; control characters separate terms. */
export function searchTerms(query: string): string[] {
  return normalize(query.replace(CONTROL, ' ')).split(/\s+/).filter(Boolean);
}

/** An issue key as typed (会計-A-1): matched whole, so 会計-A-1 does not find 会計-A-10. */
const KEY_LIKE = /-[abc]-\d+$/;

/** FTS5 MATCH expression for one term. */
export function termExpression(term: string): string {
  const chars = Array.from(term);
  if (chars.length === 1) return `${quote(chars[0]!)}*`;
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  if (KEY_LIKE.test(term)) grams.push(chars.at(-1)! + END);
  return quote(grams.join(' '));
}

/** FTS5 MATCH expression for a user query: every whitespace-separated term must occur. */
export function matchExpression(query: string): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return terms.map(termExpression).join(' AND ');
}

interface IssueText {
  title: string;
  texts: (string | null)[];
}

function issueText(sqlite: Database.Database, issueId: number): IssueText | undefined {
  const issue = statement(
    sqlite,
    `SELECT i.title, i.level, i.number, o.short_name AS shortName, o.full_name AS fullName
     FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE i.id = ?`,
  ).get(issueId) as { title: string; level: string; number: number; shortName: string; fullName: string } | undefined;
  if (!issue) return undefined;
  const notes = statement(sqlite, 'SELECT note FROM comparison_notes WHERE issue_id = ?', 'pluck').all(issueId) as string[];
  const versions = statement(sqlite, 'SELECT title, content, background, actions, progress FROM issue_versions WHERE issue_id = ?')
    .all(issueId) as { title: string; content: string | null; background: string | null; actions: string | null; progress: string | null }[];
  return {
    title: issue.title,
    texts: [
      ...versions.flatMap((v) => [v.title, v.content, v.background, v.actions, v.progress]),
      // The key and names as runs of their own (whitespace around), so a key matches whole.
      ` ${issue.shortName}-${issue.level}-${issue.number} `,
      issue.shortName,
      issue.fullName,
      ...notes,
    ],
  };
}

/** Re-indexes one issue (title and the texts of all its versions). Call inside the writing transaction. */
export function reindexIssue(sqlite: Database.Database, issueId: number): void {
  statement(sqlite, 'DELETE FROM issue_search WHERE rowid = ?').run(issueId);
  const doc = issueText(sqlite, issueId);
  if (!doc) return;
  const text = [doc.title, ...doc.texts].filter(Boolean).join('\n');
  statement(sqlite, 'INSERT INTO issue_search(rowid, grams) VALUES (?, ?)').run(issueId, bigrams(text));
}

/**
 * Re-indexes one evaluation's 所見 (`comment`: its text now). Every write of a 所見 calls it inside
 * its transaction; a trigger has already dropped the old document when the text changed.
 */
export function indexComment(sqlite: Database.Database, evaluationId: number, comment: string): void {
  statement(sqlite, 'DELETE FROM comment_search WHERE rowid = ?').run(evaluationId);
  if (comment) statement(sqlite, 'INSERT INTO comment_search(rowid, grams) VALUES (?, ?)').run(evaluationId, bigrams(comment));
}

/**
 * Rebuilds the index in one transaction: everything, or (`commentsOnly`, a database whose issue
 * index is current: version 2, before 所見 were indexed) only the 所見.
 */
export function rebuildSearchIndex(sqlite: Database.Database, o: { commentsOnly?: boolean } = {}): void {
  const ids = o.commentsOnly ? [] : (sqlite.prepare('SELECT id FROM issues').pluck().all() as number[]);
  sqlite.transaction(() => {
    if (!o.commentsOnly) {
      sqlite.prepare("INSERT INTO issue_search(issue_search) VALUES ('delete-all')").run();
      for (const id of ids) reindexIssue(sqlite, id);
    }
    sqlite.prepare("INSERT INTO comment_search(comment_search) VALUES ('delete-all')").run();
    const insert = sqlite.prepare('INSERT INTO comment_search(rowid, grams) VALUES (?, ?)');
    for (const e of sqlite.prepare("SELECT id, comment FROM evaluations WHERE comment <> ''").all() as { id: number; comment: string }[]) {
      insert.run(e.id, bigrams(e.comment));
    }
  })();
}
