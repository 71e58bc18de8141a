// A database that cannot be used, met by the workers at start: the host gets the same error the
// start-up raises in one thread (code and file kept), so the app's restore offer still works.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbError } from '../../db/errors';
import { recoveryOffer } from '../../electron/services/backups/recovery-offer';
import { ContractWorkers } from '../../electron/worker/contract-workers';
import { sha256, tempDir } from '../helpers/temp';

describe('workers starting on a bad database', () => {
  it('throw the start-up error with its code and file, and touch nothing', async () => {
    const file = join(tempDir(), 'xpw.sqlite');
    writeFileSync(file, 'これはデータベースではありません。'.repeat(20));
    const hash = sha256(file);
    const error = await ContractWorkers.start({ baseDir: tempDir(), file, sampleIfNew: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DbError);
    expect(error).toMatchObject({ code: 'NOT_SQLITE', file, message: expect.stringContaining('SQLiteのデータベースではありません') });
    expect(recoveryOffer(error)).toMatchObject({ title: 'X方針ワークベンチを起動できません' });
    expect(sha256(file)).toBe(hash);
  });
});
