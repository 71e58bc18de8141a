// Audit entries in words: what kind of change, on what, and before → after in Japanese. Pure;
// the audit screen, the side panel's history and the .xlsx export all read the log through it,
// so the three always say the same thing.
import { formatWarekiDateTime, formatWarekiPeriod } from './wareki.js';

export const ACTION_LABELS: Record<string, string> = {
  'evaluation.rank': 'ランク',
  'evaluation.comment': '所見',
  'evaluation.confirm': '繰越の確定',
  'evaluation.confirmAll': '繰越の一括確定',
  'evaluation.bulk': 'ランク・所見の一括変更',
  undo: '取消',
  'round.create': '評価回の作成',
  'round.update': '評価回の変更',
  'round.delete': '評価回の削除',
  'round.lock': 'ロック',
  'round.unlock': 'ロック解除',
  'scale.create': 'ランク基準の作成',
  'scale.update': 'ランク基準の変更',
  'scale.delete': 'ランク基準の削除',
  'settings.set': '設定',
  'rules.replace': '記載ルールの保存',
  'comparison.note': '事務局メモ',
  import: '取込',
  'import.evaluation': '取込 (ランク・所見)',
  'import.undo': '取込の取消',
  'inquiry.generate': '照会の作成',
  'inquiry.rekey': '照会の鍵の作り直し',
  'inquiry.collect': '照会の回収',
  'backup.restore': 'バックアップからの復元',
  'share.join': '共有データへの参加 (このPCの複製を作成)',
  'sync.resolve': '要確認の解決',
  'sample.load': 'サンプルの作成',
};

/** The kinds of thing changed (audit_log.entity), as the filter list shows them. */
export const ENTITY_LABELS: Record<string, string> = {
  evaluation: 'ランク・所見',
  evaluations: 'ランク・所見 (一括)',
  round: '評価回',
  scale: 'ランク基準',
  settings: '設定',
  writing_rules: '記載ルール',
  comparison_note: '事務局メモ',
  import: '取込',
  issue: '課題',
  version: '版',
  organization: '局区',
  inquiry: '照会',
  database: 'データベース',
};

const KEY_LABELS: Record<string, string> = {
  rank: 'ランク',
  comment: '所見',
  carried: '繰越',
  label: 'ラベル',
  title: '名称',
  asOf: '時点',
  meetingDate: 'X会議',
  scale: 'ランク基準',
  lockedAt: 'ロック',
  lockedBy: 'ロックした人',
  reason: '理由',
  displayName: '表示名',
  note: 'メモ',
  name: '名前',
  ranks: 'ランク',
  carriedFrom: '繰越元',
  confirmed: '確定',
  skipped: '変更済みのため対象外',
  fileName: 'ファイル',
  kind: '種類',
  versionLabel: '版',
  counts: '件数',
  issues: '課題',
  evaluations: '評価',
  round: '評価回',
  forms: '様式',
  versions: '版',
  // Counts of an import (new 0、changed 1 → 新規 0 件、変更 1 件).
  new: '新規',
  changed: '変更',
  unchanged: '変更なし',
  rejected: '取り込めない行',
  changes: '戻した変更',
  undone: '取消',
  // A restore and the copies around it.
  source: '復元元',
  safetyCopy: '復元前の控え',
  backupPath: '事前のバックアップ',
  // Joining a shared dataset (共有フォルダから参加).
  location: '共有先',
  snapshot: '共有のスナップショット (SHA-256)',
  lastChange: '最終更新',
  at: '日時',
  actor: '更新者',
  organization: '局区',
  // Other PCs' changes (team sync, db/write/sync-records.ts auditRemote): the record's field and
  // the row it names.
  pc: 'PC',
  row: '内容',
  org: '局区',
  level: 'レベル',
  number: '番号',
  dataNote: '注記',
  fullName: '正式名称',
  fullNameAssumed: '正式名称は推定',
  displayOrder: '表示順',
  version: '版',
  value: '値',
  key: '設定項目',
  locked: 'ロック',
  by: '実施者',
  rules: '記載ルール',
  versionTitle: '①課題名',
  content: '②課題の内容',
  background: '③課題の背景',
  actions: '④課題に対する取組',
  progress: '⑤取組みの進捗状況、取組結果',
  remarks: '備考',
};

/** Values that are counts of things: "3 件". */
const COUNT_KEYS = new Set(['carried', 'confirmed', 'skipped', 'new', 'changed', 'unchanged', 'rejected', 'changes', 'issues', 'evaluations', 'versions']);

/** Internal codes of some values, in words. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  kind: { list: '一覧', inquiry: '照会の回答', backup: 'バックアップ', snapshot: '全データの書き出し', xlsx: 'Excel', csv: 'CSV' },
};

/** The app's backup files are named by their UTC time (xpw-20261201T083000123Z-manual.sqlite): said as the local 和暦 time. */
const BACKUP_FILE = /(?:^|[\\/])xpw-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\d*Z-[a-z-]+?(?:-\d+)?\.sqlite$/u;
const PATH_KEYS = new Set(['source', 'safetyCopy', 'backupPath']);

function describePath(path: string): string {
  const m = BACKUP_FILE.exec(path);
  if (!m) return path;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(at.getTime()) ? path : `${formatWarekiDateTime(at)} のバックアップ`;
}

/** Internal details that mean nothing to a reader (ids, checksums, the bulk entries' row ranges). */
const HIDDEN = new Set(['scaleId', 'groups', 'from', 'to', 'updatedAt', 'updatedBy', 'createdAt', 'sha256', 'importId', 'inquiryId', 'formId', 'id', 'uid']);

export interface AuditLike {
  action: string;
  entity: string;
  before: unknown;
  after: unknown;
  issueKey?: string | null;
  roundLabel?: string | null;
  roundId?: number | null;
}

export interface AuditText {
  action: string;
  target: string;
  before: string;
  after: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function value(key: string, v: unknown): string {
  if (v === null || v === undefined) return key === 'lockedAt' ? 'なし' : '(なし)';
  if (v === '') return '(空)';
  if (key === 'carried' && typeof v === 'boolean') return v ? '繰越 (未確認)' : '確定';
  if (typeof v === 'boolean') return v ? 'あり' : 'なし';
  if (typeof v === 'number') return COUNT_KEYS.has(key) ? `${v} 件` : String(v);
  if (typeof v === 'string') {
    if (VALUE_LABELS[key]?.[v]) return VALUE_LABELS[key][v];
    if (PATH_KEYS.has(key)) return describePath(v);
    if (key === 'lockedAt' || key === 'at') {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? v : formatWarekiDateTime(d);
    }
    if (key === 'asOf' || key === 'meetingDate') return formatWarekiPeriod(v);
    return v;
  }
  if (Array.isArray(v)) {
    if (v.every((r) => isObject(r) && 'value' in r && 'label' in r)) {
      return v.map((r) => `${String((r as Record<string, unknown>).value)} ${String((r as Record<string, unknown>).label)}`).join(' / ');
    }
    return `${v.length} 件`;
  }
  if (isObject(v)) {
    return Object.entries(v)
      .filter(([k]) => !HIDDEN.has(k))
      .map(([k, x]) => `${KEY_LABELS[k] ?? k} ${value(k, x)}`)
      .join('、');
  }
  return String(v);
}

/** "ランク 2、繰越 繰越 (未確認)": the entry's side as key–value pairs in Japanese. */
function side(data: unknown, keys: string[]): string {
  if (data === null || data === undefined) return '—';
  if (!isObject(data)) return value('', data);
  const shown = keys.filter((k) => k in data);
  if (shown.length === 1 && (shown[0] === 'rank' || shown[0] === 'comment')) return value(shown[0], data[shown[0]]);
  // A rank with its 繰越 flag (a confirmation, or a change of a carried rank): "2 (繰越)" → "2".
  if (shown.length === 2 && shown.includes('rank') && shown.includes('carried')) {
    return `${value('rank', data.rank)}${data.carried === true ? ' (繰越)' : ''}`;
  }
  return shown.map((k) => `${KEY_LABELS[k] ?? k}: ${value(k, data[k])}`).join('、') || '—';
}

/** A bulk change's side (db/write/evaluations-bulk.ts): "ランク 5 件: 2 ×3、未評価 ×2". */
function bulkSide(data: Record<string, unknown>): string {
  const field = data.field === 'comment' ? 'comment' : 'rank';
  const items = Array.isArray(data.items) ? (data.items as unknown[][]) : [];
  const counts = new Map<string, number>();
  for (const item of items) {
    const v = field === 'rank' ? (item[1] === null ? '未評価' : String(item[1])) : item[1] ? String(item[1]) : '(空)';
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const parts = [...counts].slice(0, 5).map(([v, n]) => `${v} ×${n}`);
  if (counts.size > 5) parts.push('…');
  return `${KEY_LABELS[field]} ${items.length} 件: ${parts.join('、')}`;
}

function target(e: AuditLike): string {
  if (e.entity === 'evaluations' && isObject(e.after)) return `課題 ${Number(e.after.count)} 件`;
  if (e.issueKey) return e.issueKey;
  if (e.entity === 'round') {
    if (e.roundLabel) return `評価回 ${e.roundLabel}`;
    // A deleted round: named by the label its entries recorded, never by an internal number.
    // (Another PC's change names the round by its key, `round`.)
    const label = [e.before, e.after].map((x) => (isObject(x) && typeof x.label === 'string' ? x.label : isObject(x) && typeof x.round === 'string' ? x.round : null)).find(Boolean);
    return label ? `評価回 ${label} (削除済み)` : '評価回 (削除済み)';
  }
  return ENTITY_LABELS[e.entity] ?? e.entity;
}

/** What one entry says; `max` shortens each side (the screen), Infinity keeps it whole (exports). */
export function describeAudit(e: AuditLike, max = 160): AuditText {
  const all = [
    ...new Set([...(isObject(e.before) ? Object.keys(e.before) : []), ...(isObject(e.after) ? Object.keys(e.after) : [])]),
  ].filter((k) => !HIDDEN.has(k));
  // Only what changed (an import records rank, 所見 and 繰越 whether or not each moved), with the
  // rank kept beside a change of its 繰越 flag so a confirmation reads "2 (繰越)" → "2".
  const at = (side: unknown, k: string) => JSON.stringify(isObject(side) ? side[k] : undefined);
  const changed = all.filter((k) => at(e.before, k) !== at(e.after, k));
  const keys = changed.length === 0 ? all : changed.includes('carried') && all.includes('rank') ? [...new Set(['rank', ...changed])] : changed;
  let before = side(e.before, keys);
  let after = side(e.after, keys);
  if (e.entity === 'evaluations' && isObject(e.before) && isObject(e.after)) {
    before = bulkSide(e.before);
    after = bulkSide(e.after);
  } else if (e.action === 'evaluation.confirmAll' && isObject(e.before) && isObject(e.after)) {
    before = `繰越 ${String(e.before.carried)} 件`;
    after = `確定 ${String(e.after.confirmed)} 件`;
  }
  return { action: ACTION_LABELS[e.action] ?? e.action, target: target(e), before: cut(before, max), after: cut(after, max) };
}
