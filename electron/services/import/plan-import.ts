// Decides, row by row, what a list import would do — new issue, changed, unchanged or rejected
// (with the row and column named) — and builds the change set the commit will apply. Nothing is
// written here.
import type Database from 'better-sqlite3';
import { VERSION_FIELDS } from '../../../common/fields.js';
import { issueKey, type Level } from '../../../db/queries/issues.js';
import { listOrganizations, type Organization } from '../../../db/queries/organizations.js';
import { getRound, type Round } from '../../../db/queries/rounds.js';
import { emptyChangeSet, type ChangeSet, type ImportCounts, type VersionFields } from '../../../db/write/change-set.js';
import { FIELD_LABELS, repeatedHeaderTest, type ColumnMapping, type ImportField } from './columns.js';
import { importError } from './import-error.js';
import { MATCHING, rowTicker, type OnProgress } from './progress.js';
import { cleanText, foldKey, isBlankRow, parseIssueNumber, parseLevel } from './normalize.js';
import { findOrganization, suggestOrganizations } from '../../../db/queries/organization-match.js';
import {
  allIssuesByKey,
  allIssuesByNumber,
  evaluationAt,
  issueAt,
  issuesWithNumber,
  roundEvaluations,
  versionToCompare,
  type ExistingEvaluation,
} from '../../../db/queries/import-plan.js';

export interface PlanOptions {
  mapping: ColumnMapping;
  /** Index of the header row in `rows`. */
  headerRow: number;
  /**
   * Without a レベル column: the level of the rows the database cannot tell (new or ambiguous, see
   * levelUnknown); `rowLevels` gives one row's own (by its line in the file) over it.
   */
  defaultLevel?: Level;
  rowLevels?: Record<string, Level>;
  /** Round the ランク / 所見 columns are for. */
  roundId?: number;
  /** ①–⑤ texts become (or update) the version with this label. */
  versionLabel?: string;
  versionAsOf?: string;
  /** Names of unknown 局区 → an existing organization's id, or 'create'. */
  organizationMap?: Record<string, number | 'create'>;
}

export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface PlannedRow {
  /** Row number in the file, as Excel shows it. */
  line: number;
  status: 'new' | 'changed' | 'unchanged' | 'rejected';
  key: string | null;
  title: string | null;
  reasons: string[];
  changes: FieldChange[];
}

export interface UnknownOrganization {
  name: string;
  lines: number[];
  suggestions: { id: number; shortName: string; fullName: string }[];
}

/** A row of a list without a レベル column whose level the database cannot tell. */
export interface LevelUnknownRow {
  line: number;
  organization: string;
  number: number;
  title: string | null;
  /** new: no issue has this 局区・番号・課題名; ambiguous: more than one has. */
  why: 'new' | 'ambiguous';
}

export interface ImportPlan {
  counts: ImportCounts;
  /**
   * Without a レベル column each row takes the level of the one existing issue with the same
   * 局区, 番号 and 課題名; these rows have none (or several) and need the level to be given.
   */
  levelUnknown: LevelUnknownRow[];
  rows: PlannedRow[];
  unknownOrganizations: UnknownOrganization[];
  /** Whole-file notes (e.g. "no レベル column: every row is level A"). */
  notes: string[];
  changeSet: ChangeSet;
}

const TEXT_FIELDS = ['content', 'background', 'actions', 'progress'] as const;
type TextField = (typeof TEXT_FIELDS)[number];


function columnOf(mapping: ColumnMapping, field: ImportField): number {
  return mapping.indexOf(field);
}

/** Checks the mapping can make sense before reading any row; refuses the whole file otherwise. */
function checkMapping(o: PlanOptions, round: Round | undefined, headerLine: number): void {
  const has = (f: ImportField) => o.mapping.includes(f);
  const missing = (['organization', 'number'] as const).filter((f) => !has(f)).map((f) => `「${FIELD_LABELS[f]}」`);
  if (missing.length) {
    throw importError(`列が足りません: ${missing.join('')}の列が見つかりません (見出し行: ${headerLine}行目)。列の対応を指定してください`);
  }
  if (!has('title') && !has('rank') && !has('comment') && !TEXT_FIELDS.some(has)) {
    throw importError('取り込む列がありません: 課題名・ランク・所見・②〜⑤のいずれかの列を対応付けてください');
  }
  if ((has('rank') || has('comment')) && !round) throw importError('ランク・所見を取り込むには評価回を指定してください');
  if (TEXT_FIELDS.some(has) && !o.versionLabel) throw importError('②〜⑤の本文を取り込むには版のラベル (例: R6.11) を指定してください');
  if (o.versionLabel && !/^\d{4}-\d{2}(-\d{2})?$/.test(o.versionAsOf ?? '')) throw importError('版の時点 (例: 2024-11) を指定してください');
}

/** The round's rank for a cell (value or label, full-width or not); memoised per text. */
function rankReader(round: Round): (raw: string) => string | null | undefined {
  const known = new Map<string, string>();
  for (const r of round.ranks) {
    known.set(foldKey(r.label), r.value);
    known.set(foldKey(r.value), r.value);
  }
  const seen = new Map<string, string | null | undefined>();
  return (raw) => {
    let v = seen.get(raw);
    if (v === undefined && !seen.has(raw)) {
      const k = foldKey(raw);
      v = k ? (known.get(k) ?? null) : undefined;
      seen.set(raw, v);
    }
    return v;
  };
}

type Evaluation = ExistingEvaluation;

/**
 * Existing issues and evaluations by key. A large file reads them all in two scans (a 100,000-row
 * list would otherwise run 200,000 point queries); a small one asks per row.
 */
function lookups(sqlite: Database.Database, rowCount: number, roundId: number | undefined) {
  if (rowCount < 2000) {
    return {
      findIssue: (orgId: number, level: string, number: number) => issueAt(sqlite, orgId, level, number),
      findEval: (issueId: number) => evaluationAt(sqlite, issueId, roundId),
      levelsOf: (orgId: number, number: number, title: string) =>
        issuesWithNumber(sqlite, orgId, number).filter((r) => r.title === title).map((r) => r.level as Level),
    };
  }
  const issues = allIssuesByKey(sqlite);
  const byNumber = allIssuesByNumber(sqlite);
  const evaluations = roundId !== undefined ? roundEvaluations(sqlite, roundId) : new Map<number, Evaluation>();
  return {
    findIssue: (orgId: number, level: string, number: number) => issues.get(`${orgId}|${level}|${number}`),
    findEval: (issueId: number) => evaluations.get(issueId),
    levelsOf: (orgId: number, number: number, title: string) => (byNumber.get(`${orgId}|${number}`) ?? []).filter((r) => r.title === title).map((r) => r.level as Level),
  };
}

export function planImport(sqlite: Database.Database, rows: string[][], o: PlanOptions, onProgress?: OnProgress): ImportPlan {
  const round = o.roundId ? getRound(sqlite, o.roundId) : undefined;
  if (o.roundId && !round) throw importError(`評価回 (id ${o.roundId}) がありません`);
  checkMapping(o, round, o.headerRow + 1);
  const orgs = listOrganizations(sqlite);
  const header = rows[o.headerRow] ?? [];
  const col = (f: ImportField) => columnOf(o.mapping, f);
  const cell = (cells: string[], f: ImportField) => (col(f) >= 0 ? (cells[col(f)] ?? '') : undefined);
  const { findIssue, findEval, levelsOf } = lookups(sqlite, rows.length - o.headerRow, round?.id);
  const levelUnknown: LevelUnknownRow[] = [];
  let levelsMatched = 0;

  const set = emptyChangeSet();
  const planned: PlannedRow[] = [];
  const unknown = new Map<string, number[]>();
  const seen = new Map<string, number>();
  const created = new Map<string, string>(); // unknown name → new organization key
  const orgCache = new Map<string, Organization | undefined>();
  const readRank = round ? rankReader(round) : undefined;
  const levelCache = new Map<string, ReturnType<typeof parseLevel>>();
  const isHeaderAgain = repeatedHeaderTest(header);
  const notes: string[] = [];
  const tick = rowTicker(onProgress, MATCHING, rows.length - o.headerRow - 1);

  for (let i = o.headerRow + 1; i < rows.length; i++) {
    tick(i - o.headerRow - 1);
    const cells = rows[i]!;
    const line = i + 1;
    if (isBlankRow(cells) || isHeaderAgain(cells)) continue;
    const reasons: string[] = [];
    const where = (f: ImportField) => `${line}行目「${header[col(f)] || FIELD_LABELS[f]}」`;

    // 局区
    const orgName = cleanText(cell(cells, 'organization') ?? '');
    let org: Organization | undefined;
    let newOrgKey: string | undefined;
    if (!orgName) reasons.push(`${where('organization')}: 局区が空です`);
    else {
      // Names repeat on every row of a 局区: look each up once (100,000-row files).
      if (!orgCache.has(orgName)) orgCache.set(orgName, findOrganization(orgs, orgName));
      org = orgCache.get(orgName);
      const mapped = o.organizationMap?.[orgName];
      if (!org && typeof mapped === 'number') org = orgs.find((x) => x.id === mapped);
      if (!org && mapped === 'create') {
        newOrgKey = created.get(orgName) ?? `org:${orgName}`;
        if (!created.has(orgName)) {
          created.set(orgName, newOrgKey);
          set.organizations.push({ key: newOrgKey, shortName: orgName, fullName: orgName, kind: /区$/.test(orgName) ? '区' : '局' });
        }
      }
      if (!org && !newOrgKey) {
        unknown.set(orgName, [...(unknown.get(orgName) ?? []), line]);
        reasons.push(`${where('organization')}: 局区「${orgName}」が登録されていません`);
      }
    }
    // レベル, 番号
    const levelRaw = cell(cells, 'level');
    if (levelRaw !== undefined && !levelCache.has(levelRaw)) levelCache.set(levelRaw, parseLevel(levelRaw));
    const numberRaw = cell(cells, 'number') ?? '';
    const number = parseIssueNumber(numberRaw);
    if (number === null) reasons.push(`${where('number')}: 番号「${numberRaw}」が正しくありません (1以上の整数)`);
    const titleRaw = cell(cells, 'title');
    const title = titleRaw === undefined ? null : cleanText(titleRaw) || null;
    let level: Level | null;
    if (levelRaw !== undefined) {
      level = levelCache.get(levelRaw)!;
      if (!level) reasons.push(`${where('level')}: レベル「${levelRaw}」は A・B・C のいずれでもありません`);
    } else {
      // No レベル column (the document's own A list): the level of the one existing issue with
      // the same 局区, 番号 and 課題名; asked for (defaultLevel) only for new or ambiguous rows.
      const matches = org && number !== null && title ? levelsOf(org.id, number, title) : [];
      if (matches.length === 1) {
        level = matches[0]!;
        levelsMatched++;
      } else {
        level = o.rowLevels?.[String(line)] ?? o.defaultLevel ?? null;
        if (number !== null && orgName) {
          const why = matches.length > 1 ? 'ambiguous' : 'new';
          levelUnknown.push({ line, organization: orgName, number, title, why });
          if (!level) {
            reasons.push(
              `${line}行目 (${orgName} ${number}「${title ?? ''}」): レベルの列がなく、${why === 'new' ? '局区・番号・課題名が一致する課題がない (新しい課題) ' : '局区・番号・課題名が一致する課題が複数ある'}ため、レベル (A/B/C) を指定してください`,
            );
          }
        }
      }
    }
    // ランク
    const rankRaw = cell(cells, 'rank');
    let rank: string | null | undefined;
    if (rankRaw !== undefined && round) {
      rank = readRank!(rankRaw);
      if (rank === null) {
        const allowed = round.ranks.map((r) => r.value).join(', ');
        reasons.push(`${where('rank')}: ランク「${rankRaw.trim()}」は評価回 ${round.label} の基準にありません (${allowed})`);
      }
    }
    const orgLabel = org?.shortName ?? orgName;
    const key = level && number !== null && orgLabel ? issueKey(orgLabel, level, number) : null;
    if (key) {
      const first = seen.get(key);
      if (first !== undefined) reasons.push(`${line}行目: 同じ課題 (${key}) が ${first}行目にもあります`);
      else seen.set(key, line);
    }
    const existing = org && level && number !== null ? findIssue(org.id, level, number) : undefined;
    if (!existing && !title && reasons.length === 0) reasons.push(`${where('title')}: 新しい課題 (${key}) の課題名が空です`);
    if (reasons.length) {
      planned.push({ line, status: 'rejected', key, title, reasons, changes: [] });
      continue;
    }

    const changes: FieldChange[] = [];
    const issueRef = existing ? { id: existing.id } : { newKey: `issue:${key}` };
    if (!existing) {
      set.issues.push({ key: `issue:${key}`, organization: org ? { id: org.id } : { newKey: newOrgKey! }, level: level!, number: number!, title: title! });
      changes.push({ field: 'title', label: FIELD_LABELS.title, before: null, after: title });
    }
    // ①–⑤ as a version
    if (o.versionLabel && TEXT_FIELDS.some((f) => col(f) >= 0)) {
      const prev = existing ? versionToCompare(sqlite, existing.id, o.versionLabel) : undefined;
      const text = (f: TextField) => {
        const raw = cell(cells, f);
        return raw === undefined ? (prev?.[f] ?? null) : cleanText(raw) || null;
      };
      const next: VersionFields = { number: number!, title: title ?? prev?.title ?? existing?.title ?? '', content: text('content'), background: text('background'), actions: text('actions'), progress: text('progress') };
      const differs = VERSION_FIELDS.filter((f) => (prev?.[f.key] ?? null) !== next[f.key]);
      if (!prev || differs.length) {
        for (const f of differs) if (existing) changes.push({ field: f.key, label: `${f.mark}${f.label}`, before: prev?.[f.key] ?? null, after: next[f.key] });
        set.versions.push({ issue: issueRef, label: o.versionLabel, asOf: o.versionAsOf!, ...next });
      }
    } else if (existing && title && title !== existing.title) {
      changes.push({ field: 'title', label: FIELD_LABELS.title, before: existing.title, after: title });
      set.titles.push({ issueId: existing.id, title });
    }
    // ランク・所見 for the round
    if (round) {
      const ev = existing ? findEval(existing.id) : undefined;
      const commentRaw = cell(cells, 'comment');
      const comment = commentRaw === undefined ? undefined : cleanText(commentRaw);
      const write: { rank?: string | null; comment?: string } = {};
      if (rank !== undefined && rank !== (ev?.rank ?? null)) {
        write.rank = rank;
        changes.push({ field: 'rank', label: 'ランク', before: ev?.rank ?? null, after: rank });
      }
      if (comment !== undefined && comment !== '' && comment !== (ev?.comment ?? '')) {
        write.comment = comment;
        changes.push({ field: 'comment', label: '所見', before: ev?.comment || null, after: comment });
      }
      if (Object.keys(write).length) set.evaluations.push({ issue: issueRef, roundId: round.id, ...write });
    }
    const status = !existing ? 'new' : changes.length ? 'changed' : 'unchanged';
    planned.push({ line, status, key, title: title ?? existing?.title ?? null, reasons: [], changes });
  }

  tick(rows.length - o.headerRow - 1);
  const counts: ImportCounts = { new: 0, changed: 0, unchanged: 0, rejected: 0 };
  for (const r of planned) counts[r.status]++;
  if (planned.length === 0) throw importError(`取り込む行がありません (見出し行 ${o.headerRow + 1}行目の下が空です)`);
  if (col('level') < 0) {
    // The level each unknown row was given (its own, else the one for all), grouped for the notes.
    const byLevel = new Map<Level, LevelUnknownRow[]>();
    for (const r of levelUnknown) {
      const l = o.rowLevels?.[String(r.line)] ?? o.defaultLevel;
      if (l) byLevel.set(l, [...(byLevel.get(l) ?? []), r]);
    }
    const givenAll = levelUnknown.length > 0 && [...byLevel.values()].reduce((n, g) => n + g.length, 0) === levelUnknown.length;
    const given = !givenAll ? '' : byLevel.size === 1 ? `、それ以外の ${levelUnknown.length} 行はレベル${[...byLevel.keys()][0]}` : `、それ以外の ${levelUnknown.length} 行は指定したレベル`;
    notes.push(`「レベル」の列がないため、局区・番号・課題名が一致した ${levelsMatched} 行はその課題のレベル${given}として取り込みます`);
    for (const [l, group] of [...byLevel].sort((a, b) => a[0].localeCompare(b[0]))) {
      const named = group.slice(0, 5).map((r) => `${r.line}行目 ${r.organization} ${r.number}「${r.title ?? ''}」(${r.why === 'new' ? '新しい課題' : '一致する課題が複数'})`);
      notes.push(`レベル${l}とする行: ${named.join('、')}${group.length > 5 ? ` ほか${group.length - 5}行` : ''}`);
    }
  }
  return {
    counts,
    levelUnknown,
    rows: planned,
    unknownOrganizations: [...unknown].map(([name, lines]) => ({
      name,
      lines,
      suggestions: suggestOrganizations(orgs, name).map((x) => ({ id: x.id, shortName: x.shortName, fullName: x.fullName })),
    })),
    notes,
    changeSet: set,
  };
}
