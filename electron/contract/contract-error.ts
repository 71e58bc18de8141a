// A thrown error as the user sees it, shared by dispatch() and the export jobs.
import { DbError } from '../../db/errors.js';
import type { ContractError } from './channels.js';

/** A thrown error as the user sees it: our own errors as they are, the rest named and logged. */
export function toContractError(e: unknown, channel: string): ContractError {
  if (e instanceof DbError) return { code: e.code, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  if (/SQLITE_BUSY|database is locked/i.test(message)) {
    return { code: 'BUSY', message: 'データベースが他の処理で使用中です。少し待ってからもう一度お試しください' };
  }
  console.error(`[contract] ${channel} failed:`, e);
  return { code: 'INTERNAL', message: `処理中にエラーが発生しました (${channel}): ${message}` };
}
