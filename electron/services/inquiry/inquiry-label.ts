// An inquiry's label is the version label its returns become (R7.2 = 令和7年2月), so it also
// decides the versions' as-of month and appears in every form's file name.
import { formatWarekiPeriod } from '../../../common/wareki.js';
import { DbError } from '../../../db/errors.js';
import { safeFileName } from '../export/file-name.js';

const REIWA_OFFSET = 2018;

/** R{令和の年}.{月} of a date: the label the secretariat writes (R6.11). */
export function defaultInquiryLabel(now: Date = new Date()): string {
  return `R${now.getFullYear() - REIWA_OFFSET}.${now.getMonth() + 1}`;
}

/**
 * The as-of month of the versions a return creates: the month the label names (R7.2 → 2025-02),
 * or, for a label that names none (「2次照会」), the month the inquiry was generated.
 */
export function inquiryAsOf(label: string, createdAt: string): string {
  const m = /^R(\d{1,2})\.(\d{1,2})$/i.exec(label.normalize('NFKC').trim());
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${REIWA_OFFSET + Number(m[1])}-${m[2]!.padStart(2, '0')}`;
  const d = new Date(createdAt);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** 照会 (令和7年2月) */
export const defaultInquiryTitle = (label: string, createdAt: string): string => `X方針 照会 (${formatWarekiPeriod(inquiryAsOf(label, createdAt))})`;

/** Refuses labels that cannot be a version label or part of a file name. */
export function checkLabel(label: string): string {
  const l = label.normalize('NFKC').trim();
  if (!l) throw new DbError('INVALID', '照会のラベルを指定してください (例: R7.2)');
  if ([...l].length > 20) throw new DbError('INVALID', `照会のラベル「${l}」が長すぎます (20文字まで)`);
  // eslint-disable-next-line no-control-regex
  if (/[\\/:*?"<>|\u0000-\u001F]/.test(l)) throw new DbError('INVALID', `照会のラベル「${l}」に使えない文字 (\\ / : * ? " < > |) があります`);
  return l;
}

/** 照会_R7.2_会計.xlsx — safe on Windows. */
export const formFileName = (label: string, organization: string): string => `${safeFileName(`照会_${label}_${organization}`)}.xlsx`;
