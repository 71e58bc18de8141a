// The app's PostgreSQL passwords, encrypted with Electron safeStorage (DPAPI on Windows, the
// keychain on macOS, libsecret on Linux) in the per-user folder; see secret-store.ts.
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { setPgPasswordSource } from '../services/sync/postgres/open-transport.js';
import { fileSecretStore, type SecretStore } from '../services/sync/postgres/secret-store.js';

export function pgSecrets(): SecretStore {
  return fileSecretStore(join(app.getPath('userData'), 'pg-secrets.json'), {
    available: () => safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  });
}

/** At start: sync passes to a PostgreSQL share read the saved password (if any) from the store. */
export function usePgSecrets(): SecretStore {
  const store = pgSecrets();
  setPgPasswordSource((url) => {
    try {
      return store.password(url);
    } catch {
      return undefined; // unreadable store: the server then asks for a password and the status says so
    }
  });
  return store;
}
