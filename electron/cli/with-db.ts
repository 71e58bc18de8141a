// Opens the --db file for one command and closes it whatever happens.
import { resolve } from 'node:path';
import { openDatabase, type Db } from '../../db/open.js';

export async function withDb<T>(file: string, fn: (db: Db) => Promise<T> | T): Promise<T> {
  const db = await openDatabase(resolve(file));
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
