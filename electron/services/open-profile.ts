// Opens the database the app works on; on a first start (no file yet) creates it from the
// embedded sample, as the app and `npm run web` both do.
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../../db/open.js';
import { osUserName } from './actor.js';
import { seedSample } from './sample-data.js';

export interface ProfileOptions {
  /** Create from the sample when the file does not exist yet. */
  sampleIfNew?: boolean;
  onBackup?: (path: string) => void;
}

export async function openProfile(file: string, options: ProfileOptions = {}): Promise<{ db: Db; created: boolean }> {
  const created = !existsSync(file);
  const db = await openDatabase(file, { create: true, onBackup: options.onBackup });
  if (created && options.sampleIfNew) {
    try {
      seedSample(db, osUserName());
    } catch (e) {
      db.close();
      throw e;
    }
  }
  return { db, created };
}
