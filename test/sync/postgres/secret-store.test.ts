// The app's password file: sealed by the cipher (Electron safeStorage in the app; AES-GCM with a
// key of the test's own here), keyed by the URL without password, 0600, never in plain text.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../../electron/services/sync/postgres/secret-store';
import { tempDir } from '../../helpers/temp';
import { testCipher } from '../../helpers/test-cipher';

const aes = testCipher();

describe('PostgreSQL password store', () => {
  it('keeps the password sealed, per server, readable by its owner only', () => {
    const file = join(tempDir(), 'pg-secrets.json');
    const store = fileSecretStore(file, aes);
    store.savePassword('postgresql://xpw_app:typed-in-url@db.city.local:5432/xpw', 'パスワード-秘密');
    expect(store.password('postgresql://xpw_app@db.city.local:5432/xpw')).toBe('パスワード-秘密');
    expect(store.password('postgresql://other@db.city.local:5432/xpw')).toBeUndefined();
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('秘密');
    expect(raw).not.toContain('typed-in-url');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    store.forget('postgresql://xpw_app@db.city.local:5432/xpw');
    expect(store.password('postgresql://xpw_app@db.city.local:5432/xpw')).toBeUndefined();
  });

  it('refuses to save when the OS cannot encrypt', () => {
    const store = fileSecretStore(join(tempDir(), 's.json'), { ...aes, available: () => false });
    expect(() => store.savePassword('postgresql://a@b/c', 'x')).toThrow(/安全に保存できません/);
  });
});

describe('the app password source', () => {
  it('a transport opened for a server gets the saved password unless one is given', async () => {
    const { openPgTransport, setPgPasswordSource } = await import('../../../electron/services/sync/postgres/open-transport');
    const { clientConfig } = await import('../../../electron/services/sync/postgres/connection-options');
    const store = fileSecretStore(join(tempDir(), 'pg-secrets.json'), aes);
    store.savePassword('postgresql://xpw_app@db.city.local/xpw', 'saved-secret');
    setPgPasswordSource((url) => store.password(url));
    try {
      const passwordOf = (t: ReturnType<typeof openPgTransport>): string => new URL(String(clientConfig(t.url, (t as unknown as { o: object }).o).connectionString)).password;
      expect(passwordOf(openPgTransport('postgresql://xpw_app@db.city.local/xpw', { env: {} }))).toBe('saved-secret');
      expect(passwordOf(openPgTransport('postgresql://xpw_app@db.city.local/xpw', { env: {}, password: 'given' }))).toBe('given');
      expect(passwordOf(openPgTransport('postgresql://other@db.city.local/xpw', { env: {} }))).toBe('');
    } finally {
      setPgPasswordSource(null);
    }
  });
});
