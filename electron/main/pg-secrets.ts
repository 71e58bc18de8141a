// The app's PostgreSQL passwords, encrypted with Electron safeStorage (DPAPI on Windows, the
// keychain on macOS, libsecret on Linux) in the per-user folder; see secret-store.ts. safeStorage
// stays in this (main) process: the database worker gets the unsealed passwords by message
// (electron/worker/protocol.ts WorkerData.pgPasswords) and asks here to seal a new one.
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { fileSecretStore, type SecretStore } from '../services/sync/postgres/secret-store.js';

export function pgSecrets(): SecretStore {
  return fileSecretStore(join(app.getPath('userData'), 'pg-secrets.json'), {
    available: () => safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  });
}
