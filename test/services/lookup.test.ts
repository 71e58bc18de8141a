// One lookup each for a round by label, an issue by key and a 局区 by name (issue 10 i): the same
// answers and the same Japanese message whether the CLI or the contract asks.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/contract/dispatch';
import { lookupIssue, lookupOrganization, lookupRound } from '../../electron/services/lookup';
import { sampleDb, tempDir } from '../helpers/temp';

const db = await sampleDb();
const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('lookups', () => {
  it('find a 局区 by short name, full name or a form of it', () => {
    const kokura = lookupOrganization(db.sqlite, '小北');
    expect(kokura.fullName).toBe('小倉北区役所');
    expect(lookupOrganization(db.sqlite, '小倉北区役所').id).toBe(kokura.id);
    expect(lookupOrganization(db.sqlite, '小倉北区').id).toBe(kokura.id);
    expect(lookupOrganization(db.sqlite, '　小倉北区 ').id).toBe(kokura.id);
    expect(message(() => lookupOrganization(db.sqlite, '宇宙局'))).toMatch(/^局区「宇宙局」がありません \(/);
  });

  it('find an issue by its key, with the 局区 in any of its forms', () => {
    const id = lookupIssue(db.sqlite, '小北-A-1');
    expect(lookupIssue(db.sqlite, '小倉北区-A-1')).toBe(id);
    expect(lookupIssue(db.sqlite, '小倉北区役所-a-１')).toBe(id);
    expect(message(() => lookupIssue(db.sqlite, '会計-A-999'))).toBe('課題「会計-A-999」が見つかりません (例: 会計-A-1)');
  });

  it('find a round by label, or the latest, and list the labels there are', () => {
    expect(lookupRound(db.sqlite).label).toBe('R6.11');
    expect(lookupRound(db.sqlite, 'R6.11').label).toBe('R6.11');
    expect(message(() => lookupRound(db.sqlite, 'R9.9'))).toBe('評価回「R9.9」がありません (登録されている評価回: R6.11)');
  });

  it('the contract answers with the same lookup and the same message', async () => {
    const ctx = { db };
    const ok = (await dispatch(ctx, 'issues.resolveKey', { key: '小倉北区-A-1' })) as { ok: true; data: { issueId: number } };
    expect(ok).toMatchObject({ ok: true, data: { issueId: lookupIssue(db.sqlite, '小北-A-1') } });
    const notFound = (await dispatch(ctx, 'issues.resolveKey', { key: '会計-A-999' })) as { ok: false; error: { message: string } };
    expect(notFound.ok).toBe(false);
    expect(notFound.error.message).toBe(message(() => lookupIssue(db.sqlite, '会計-A-999')));
  });

  it('the CLI takes --org 小倉北区 in every command that names 局区', () => {
    const dir = tempDir();
    const out = join(dir, 'org.csv');
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs'), 'export', 'grid', '--db', db.file, '--out', out, '--org', '小倉北区'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
