// "Who" for the audit log: the display name from settings, else the OS user name.
import { userInfo } from 'node:os';
import type Database from 'better-sqlite3';
import { readSetting } from '../../db/queries/settings.js';

export function osUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? 'unknown';
  }
}

export function currentActor(sqlite: Database.Database): string {
  const name = readSetting(sqlite, 'displayName');
  return typeof name === 'string' && name.trim() ? name.trim() : osUserName();
}
