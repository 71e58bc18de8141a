// Builds the bench database: N synthetic issues over the 29 局区 of the sample, one round on the
// document's 1–3 scale with an evaluation row per issue, 所見 on some, and a few percent of issues
// with versions carrying the long B/C texts. Everything in one transaction with prepared
// statements; the columns are computed exactly as db/queries/issues.ts does (title_sort via
// jaSortKey, the bigram search rows of titles and 所見 via bigrams()), and versions go through insertVersion itself.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/open.js';
import { sampleDir } from '../db/paths.js';
import { type Level } from '../db/queries/issues.js';
import { insertVersion } from '../db/write/issues.js';
import { type OrganizationKind } from '../db/queries/organizations.js';
import { insertOrganization } from '../db/write/organizations.js';
import { insertRound } from '../db/write/rounds.js';
import { insertScale } from '../db/write/scales.js';
import { bigrams } from '../db/search-index.js';
import { jaSortKey } from '../db/sort-key.js';
import { createRandom } from './random.js';
import { comment, issueTitle, paragraph, STAFF } from './words.js';

export interface GenerateOptions {
  issues: number;
  seed: number;
  /** Share of issues that get issue_versions rows (default 0.05). */
  versionShare?: number;
}

export interface GeneratedDb {
  file: string;
  roundId: number;
  organizations: { id: number; shortName: string; issues: number }[];
  issues: number;
  issuesWithVersions: number;
  versions: number;
  evaluations: number;
  unranked: number;
  comments: number;
  generateMs: number;
  phases: { issuesMs: number; versionsMs: number; checkpointMs: number };
  bytes: number;
}

interface OrgFile {
  organizations: { shortName: string; fullName: string; kind: OrganizationKind; fullNameAssumed: boolean }[];
}

const LEVEL_WEIGHTS: readonly (readonly [Level, number])[] = [
  ['A', 10],
  ['B', 30],
  ['C', 60],
];
/** Rank value, or null for 未評価 (the row exists, rank not set yet). */
const RANK_WEIGHTS: readonly (readonly [string | null, number])[] = [
  ['3', 15],
  ['2', 50],
  ['1', 23],
  [null, 12],
];
/** Larger 局 carry more issues, as in the real list. */
const BIG_ORGS: Record<string, number> = { 保福: 4, 子家: 3, 教委: 3, 総務: 3, 整備: 2.5, 産経: 2.5, 環境: 2, 上下: 2 };

const CREATED_AT = '2024-08-01T00:00:00.000Z';
const EVAL_FROM = Date.parse('2024-11-01T00:00:00Z');
const EVAL_SPAN = 45 * 24 * 3600 * 1000;

export async function generateDatabase(file: string, options: GenerateOptions): Promise<GeneratedDb> {
  const started = performance.now();
  const r = createRandom(options.seed);
  const versionShare = options.versionShare ?? 0.05;
  const db = await openDatabase(file, { create: true });
  const { sqlite } = db;
  const orgDefs = (JSON.parse(readFileSync(join(sampleDir(), 'organizations.json'), 'utf8')) as OrgFile).organizations;

  const result = sqlite.transaction(() => {
    const orgs = orgDefs.map((o, i) => ({
      id: insertOrganization(sqlite, { ...o, displayOrder: i + 1 }),
      shortName: o.shortName,
      weight: BIG_ORGS[o.shortName] ?? 0.5 + r.next(),
      next: { A: 0, B: 0, C: 0 } as Record<Level, number>,
      issues: 0,
    }));
    const scaleId = insertScale(sqlite, {
      name: '進捗ランク(1〜3)',
      ranks: [
        { value: '3', label: 'ランク3', definition: '完了したもの', sortOrder: 3 },
        { value: '2', label: 'ランク2', definition: '具体的な作業をしていることが確認できるもの', sortOrder: 2 },
        { value: '1', label: 'ランク1', definition: '内部的な検討や協議にとどまっているなど具体的なアウトプットが見られないもの', sortOrder: 1 },
      ],
    });
    const roundId = insertRound(sqlite, { label: 'R6.11', title: '令和6年11月時点', asOf: '2024-11', meetingDate: '2024-12-20', scaleId });

    const insIssue = sqlite.prepare(
      `INSERT INTO issues (uid, organization_id, level, number, title, title_sort, data_note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
    );
    const insSearch = sqlite.prepare('INSERT INTO issue_search(rowid, grams) VALUES (?, ?)');
    const insComment = sqlite.prepare('INSERT INTO comment_search(rowid, grams) VALUES (?, ?)');
    const insEval = sqlite.prepare(
      `INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const weights = orgs.map((o) => [o, o.weight] as const);
    const withVersions: { id: number; number: number; title: string }[] = [];
    let unranked = 0;
    let comments = 0;

    for (let i = 0; i < options.issues; i++) {
      const org = r.weighted(weights);
      const level = r.weighted(LEVEL_WEIGHTS);
      const number = ++org.next[level];
      org.issues++;
      const title = issueTitle(r);
      const id = Number(insIssue.run(r.uuid(), org.id, level, number, title, jaSortKey(title), CREATED_AT).lastInsertRowid);
      // Issues that get versions are indexed by insertVersion (title + all version texts).
      if (r.chance(versionShare)) withVersions.push({ id, number, title });
      else insSearch.run(id, bigrams(title));

      const rank = r.weighted(RANK_WEIGHTS);
      if (rank === null) unranked++;
      const text = r.chance(0.25) ? comment(r) : '';
      if (text) comments++;
      const at = new Date(EVAL_FROM + Math.floor(r.next() * EVAL_SPAN)).toISOString();
      const evaluationId = Number(insEval.run(id, roundId, rank, text, text ? jaSortKey(text) : '', r.pick(STAFF), at).lastInsertRowid);
      if (text) insComment.run(evaluationId, bigrams(text));
    }

    const issuesDone = performance.now();
    let versions = 0;
    for (const v of withVersions) {
      const labels = r.chance(0.6) ? (['R6.8', 'R6.11'] as const) : (['R6.11'] as const);
      for (const label of labels) {
        insertVersion(sqlite, v.id, {
          label,
          asOf: label === 'R6.8' ? '2024-08-21' : '2024-11-30',
          number: v.number,
          title: v.title,
          content: paragraph(r, r.int(1, 3)),
          background: paragraph(r, r.int(2, 4)),
          actions: paragraph(r, r.int(2, 5)),
          progress: label === 'R6.11' ? paragraph(r, r.int(1, 4)) : null,
          remarks: r.chance(0.2) ? '所管局からの補足あり' : null,
        });
        versions++;
      }
    }
    return {
      issuesMs: issuesDone - started,
      versionsMs: performance.now() - issuesDone,
      roundId,
      organizations: orgs.map((o) => ({ id: o.id, shortName: o.shortName, issues: o.issues })),
      issuesWithVersions: withVersions.length,
      versions,
      unranked,
      comments,
    };
  })();

  // Leave the file as it is between sessions: WAL folded into the main file.
  const checkpointStart = performance.now();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const { issuesMs, versionsMs, ...rest } = result;
  return {
    file,
    ...rest,
    phases: { issuesMs, versionsMs, checkpointMs: performance.now() - checkpointStart },
    issues: options.issues,
    evaluations: options.issues,
    generateMs: performance.now() - started,
    bytes: statSync(file).size,
  };
}
