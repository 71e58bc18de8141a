// Suggested file names: Japanese, saying what and which round, safe on Windows.
import type { ExportRequest } from './options.js';

const KIND_NAMES = { report: '進捗状況報告', compare: '比較表', org: '局区別評価', grid: 'ランク付け一覧' } as const;

/** Characters Windows does not allow in file names, and trailing dots/spaces. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\\/:*?"<>|\u0000-\u001F]/g, '_').replace(/[. ]+$/, '').slice(0, 120) || '出力';
}

export function exportFileName(req: ExportRequest, parts: { roundLabel?: string; versions?: string; tracked?: boolean }): string {
  const bits: string[] = [KIND_NAMES[req.kind]];
  if (parts.versions) bits.push(parts.versions);
  else if (parts.roundLabel) bits.push(parts.roundLabel);
  if (parts.tracked) bits.push('変更履歴');
  return `${safeFileName(bits.join('_'))}.${req.format}`;
}
