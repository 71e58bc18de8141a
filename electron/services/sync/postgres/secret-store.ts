// Where the app keeps a PostgreSQL password: never in plain settings or snapshots, but in a file of
// its own in the per-user folder, encrypted by the OS (Electron safeStorage: DPAPI on Windows). The
// encryption is passed in (electron/main/pg-secrets.ts), so this stays plain Node: the CLI uses
// environment variables or a 0600 file instead (connection-options.ts).
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { redactUrl } from './connection-options.js';

export interface Cipher {
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export interface SecretStore {
  /** The password saved for a server (by its URL without password), or undefined. */
  password(url: string): string | undefined;
  savePassword(url: string, password: string): void;
  /** Every saved password unsealed, by server (the app hands them to its database worker at start). */
  all(): Record<string, string>;
  forget(url: string): void;
}

/** Passwords per server, one encrypted blob each, in a JSON file (0600 where that means something). */
export function fileSecretStore(file: string, cipher: Cipher): SecretStore {
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  const write = (all: Record<string, string>): void => {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };
  return {
    password(url) {
      const sealed = read()[redactUrl(url)];
      return sealed && cipher.available() ? cipher.decrypt(Buffer.from(sealed, 'base64')) : undefined;
    },
    savePassword(url, password) {
      if (!cipher.available()) throw new Error('このPCではパスワードを安全に保存できません (OSの暗号化が使えません)。環境変数 XPW_PG_PASSWORD で渡してください。');
      write({ ...read(), [redactUrl(url)]: cipher.encrypt(password).toString('base64') });
    },
    all() {
      if (!cipher.available()) return {};
      return Object.fromEntries(Object.entries(read()).map(([url, sealed]) => [url, cipher.decrypt(Buffer.from(sealed, 'base64'))]));
    },
    forget(url) {
      const all = read();
      delete all[redactUrl(url)];
      write(all);
    },
  };
}
