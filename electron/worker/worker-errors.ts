// The errors the host answers with when a worker cannot: it died (or ran out of memory), it was
// given up, reading a file took too long; and a start-up failure rebuilt from its data.
import { DbError, type DbErrorCode } from '../../db/errors.js';
import type { ContractError } from '../contract/channels.js';
import type { StartFailure } from './protocol.js';

export const timedOut = (channel: string, ms: number): ContractError => ({
  code: 'TIMEOUT',
  message: `ファイルの読み取りが ${Math.round(ms / 1000)} 秒たっても終わらなかったため中断しました (${channel})。ファイルが壊れているか、大きすぎる可能性があります。データベースは変わっていません`,
});

export const crashed = (channel: string, outOfMemory = false): ContractError => ({
  code: 'WORKER_CRASHED',
  message: outOfMemory
    ? `「${channel}」の処理でメモリが足りなくなったため中断しました (ファイルが大きすぎるか、複雑すぎる可能性があります)。処理を再起動しました。ファイルを分けるなどしてからもう一度お試しください`
    : `データベースの処理が異常終了したため、「${channel}」を完了できませんでした。処理を再起動しましたので、結果を確かめてからもう一度お試しください`,
});

/** A payload that cannot be handed to a worker (nested too deeply, a value that cannot be copied): the caller's error. */
export const notTransferable = (channel: string): ContractError => ({
  code: 'INVALID_INPUT',
  message: `「${channel}」の要求の内容を受け渡せません (入れ子が深すぎるか、扱えない値が含まれています)`,
});

export const givenUp: ContractError = {
  code: 'WORKER_FAILED',
  message: 'データベースの処理を再開できませんでした。アプリを終了して起動し直してください',
};

/** A start-up failure from the worker as the error the caller knows (the restore offer reads DbError's code and file). */
export function rebuild(f: StartFailure): Error {
  if (f.name === 'DbError' && f.code) return new DbError(f.code as DbErrorCode, f.message, f.file);
  return Object.assign(new Error(f.message), { code: f.code });
}
