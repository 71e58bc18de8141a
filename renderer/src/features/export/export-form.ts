// The export dialog's choices and the request they make. Pure, so the dialog stays thin.
import type { ExportKind, ExportRequest } from '../../../../electron/contract/channels';

export type DocFormat = 'docx' | 'pdf';
export type SheetFormat = 'xlsx' | 'csv';

export interface GridFilter {
  roundId: number;
  organizationIds?: number[];
  levels?: ('A' | 'B' | 'C')[];
  ranks?: (string | null)[];
  text?: string;
  sort?: { column: 'org' | 'number' | 'level' | 'title' | 'rank' | 'comment' | 'updatedBy' | 'updatedAt'; desc: boolean }[];
}

export interface ExportForm {
  kind: ExportKind;
  docFormat: DocFormat;
  sheetFormat: SheetFormat;
  encoding: 'cp932' | 'utf8bom';
  roundId: number | null;
  /** Empty: all 局区. */
  organizationIds: number[];
  compareScope: 'all' | 'selected';
  from: string;
  to: string;
  paper: 'A4' | 'A3' | 'auto';
  orientation: 'portrait' | 'landscape' | 'auto';
  font: string;
  seireki: boolean;
  tracked: boolean;
  /** Tracked changes dated at the newer version's date, or at the time of the export. */
  revisionDate: 'newer' | 'export';
  /** Unconfirmed carried-over ranks (繰越): printed marked ※, or the export refused. */
  carried: 'mark' | 'refuse';
}

export const KIND_LABELS: [ExportKind, string, string][] = [
  ['report', '進捗状況の報告', 'X会議資料: 総括表・ランクの定義・分析結果一覧 (A4縦)'],
  ['compare', '比較表 (B・C)', '版どうしの比較: 変更箇所に印、事務局メモ (A3横)'],
  ['org', '局区別シート', '局区ごとに課題・ランク・所見 (A4縦)'],
  ['grid', '一覧 (表示中の絞り込み)', 'ランク付け画面の一覧をそのまま Excel / CSV に'],
];

/** The form before any remembered choice: the settings screen's font and paper. */
export function initialForm(roundId: number | null, font: string, paper: ExportForm['paper'] = 'auto'): ExportForm {
  return {
    kind: 'report',
    docFormat: 'docx',
    sheetFormat: 'xlsx',
    encoding: 'cp932',
    roundId,
    organizationIds: [],
    compareScope: 'all',
    from: '',
    to: '',
    paper,
    orientation: 'auto',
    font,
    seireki: false,
    tracked: false,
    revisionDate: 'newer',
    carried: 'mark',
  };
}

/** Takes the remembered request of a kind back into the form. */
export function formFromLast(form: ExportForm, last: ExportRequest | undefined): ExportForm {
  if (!last) return form;
  const next: ExportForm = { ...form, kind: last.kind };
  if (last.kind === 'grid') return { ...next, sheetFormat: last.format, encoding: last.encoding, carried: last.carried };
  if (last.kind !== 'compare') next.carried = last.carried;
  next.docFormat = last.format;
  next.paper = last.paper ?? 'auto';
  next.orientation = last.orientation ?? 'auto';
  next.font = last.font;
  next.seireki = last.seireki;
  if (last.kind === 'compare') return { ...next, tracked: last.tracked, revisionDate: last.revisionDate, from: last.from ?? '', to: last.to ?? '' };
  return { ...next, organizationIds: last.organizationIds ?? [] };
}

type ExportRequestFont = Extract<ExportRequest, { kind: 'grid' }>['font'];

export function toRequest(form: ExportForm, grid: GridFilter | null, selectedIssueId: number | null): ExportRequest | null {
  const page = {
    ...(form.paper !== 'auto' && { paper: form.paper }),
    ...(form.orientation !== 'auto' && { orientation: form.orientation }),
    font: form.font as never,
    seireki: form.seireki,
  };
  const orgs = form.organizationIds.length ? { organizationIds: form.organizationIds } : {};
  switch (form.kind) {
    case 'report':
      return form.roundId === null ? null : { kind: 'report', format: form.docFormat, roundId: form.roundId, carried: form.carried, ...orgs, ...page };
    case 'org':
      return form.roundId === null ? null : { kind: 'org', format: form.docFormat, roundId: form.roundId, carried: form.carried, ...orgs, ...page };
    case 'compare': {
      if (form.compareScope === 'selected' && selectedIssueId === null) return null;
      return {
        kind: 'compare',
        format: form.docFormat,
        ...(form.compareScope === 'selected' && selectedIssueId !== null && { issueIds: [selectedIssueId] }),
        ...(form.from && { from: form.from }),
        ...(form.to && { to: form.to }),
        tracked: form.docFormat === 'docx' && form.tracked,
        revisionDate: form.revisionDate,
        ...page,
      };
    }
    case 'grid':
      return grid ? { kind: 'grid', format: form.sheetFormat, encoding: form.encoding, font: form.font as ExportRequestFont, carried: form.carried, ...grid } : null;
  }
}
