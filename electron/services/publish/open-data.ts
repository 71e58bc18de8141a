// The open data beside the pages, following the conventions of the 自治体標準データセット the
// city's portal uses: CSV in UTF-8 with a BOM, one header row, CRLF, a 全国地方公共団体コード
// column, ISO 8601 dates, one row per issue and round with a stable ID; and a 項目定義書 that
// says what every column holds.
import type { PublishModel } from './publish-model.js';

export const OPEN_DATA_FILE = 'x-policy-progress.csv';
export const DEFINITION_FILE = 'x-policy-progress-definition.csv';

const BOM = '\uFEFF';

interface Column {
  name: string;
  type: string;
  description: string;
  example: string;
  internal?: 'comments' | 'history';
}

export const COLUMNS: Column[] = [
  { name: '全国地方公共団体コード', type: '文字列 (6桁)', description: '総務省の全国地方公共団体コード (検査数字を含む6桁)', example: '401005' },
  { name: 'ID', type: '文字列', description: '課題と評価回の組ごとに一意で、公表を重ねても変わらない識別子 (X-課題番号6桁-評価回)', example: 'X-000001-R6.11' },
  { name: '評価回', type: '文字列', description: '評価回のラベル', example: 'R6.11' },
  { name: '評価時点', type: '年月 (ISO 8601, YYYY-MM)', description: '評価の時点', example: '2024-11' },
  { name: '報告日', type: '日付 (ISO 8601, YYYY-MM-DD)', description: '評価を報告したX会議の日付 (ない場合は空)', example: '2024-12-20' },
  { name: '局区名', type: '文字列', description: '課題を所管する局・区の名称', example: '会計室' },
  { name: '局区略称', type: '文字列', description: '局区の略称 (資料の「局名」)', example: '会計' },
  { name: '課題レベル', type: '文字列 (A/B/C)', description: 'A: 現行業務の改善、B・C: より大きな課題', example: 'A' },
  { name: '課題番号', type: '整数', description: '局区・レベルの中の課題の番号', example: '1' },
  { name: '課題名', type: '文字列', description: '変革課題の名称', example: '財務会計システムの機能アップ' },
  { name: 'ランク', type: '文字列', description: '到達状況のランク (未評価の場合は空)', example: '2' },
  { name: 'ランクの定義', type: '文字列', description: 'ランクの意味', example: '具体的な作業をしていることが確認できるもの' },
  { name: 'ランクの状態', type: '文字列', description: '「確定」、前回から繰り越して確認前の「繰越 (未確認)」、または「未評価」', example: '確定' },
  { name: '所見', type: '文字列', description: 'ランクの根拠となる事務局の所見', example: '', internal: 'comments' },
  { name: '更新者', type: '文字列', description: 'ランクを最後に変更した人', example: '', internal: 'history' },
  { name: '更新日時', type: '日時 (ISO 8601)', description: 'ランクを最後に変更した日時 (日本時間)', example: '2024-11-24T09:05:00+09:00', internal: 'history' },
];

const field = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** 2024-11-24T00:05:00.000Z → 2024-11-24T09:05:00+09:00 */
export function isoJst(utc: string): string {
  const d = new Date(Date.parse(utc) + 9 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+09:00`;
}

export const stableId = (issueId: number, roundLabel: string): string => `X-${String(issueId).padStart(6, '0')}-${roundLabel}`;

export function openDataColumns(m: PublishModel): Column[] {
  return COLUMNS.filter((c) => !c.internal || m.options[c.internal]);
}

export function openDataCsv(m: PublishModel): string {
  const columns = openDataColumns(m);
  const lines = [columns.map((c) => field(c.name)).join(',')];
  for (const round of m.rounds) {
    const definition = new Map(round.ranks.map((r) => [r.value, r.definition]));
    for (const o of m.orgs) {
      for (const i of o.issues) {
        const e = i.ranks.get(round.id);
        if (!e) continue;
        const state = e.rank === null ? '未評価' : e.carried ? '繰越 (未確認)' : '確定';
        const values: Record<string, string | number> = {
          全国地方公共団体コード: m.localGovernmentCode ?? '',
          ID: stableId(i.issueId, round.label),
          評価回: round.label,
          評価時点: round.asOf.slice(0, 7),
          報告日: round.meetingDate ?? '',
          局区名: o.org.fullName,
          局区略称: o.org.shortName,
          課題レベル: i.level,
          課題番号: i.number,
          課題名: i.title,
          ランク: e.rank ?? '',
          ランクの定義: e.rank === null ? '' : (definition.get(e.rank) ?? ''),
          ランクの状態: state,
          所見: e.comment,
          更新者: e.updatedBy ?? '',
          更新日時: e.updatedAt ? isoJst(e.updatedAt) : '',
        };
        lines.push(columns.map((c) => field(values[c.name] ?? '')).join(','));
      }
    }
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** 項目定義書: one row per column of the data file. */
export function definitionCsv(m: PublishModel): string {
  const lines = ['項目番号,項目名,データ型,説明,例'];
  openDataColumns(m).forEach((c, i) => lines.push([i + 1, c.name, c.type, c.description, c.example].map(field).join(',')));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
