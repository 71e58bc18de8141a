// Whether a database made from the sample at this start is still untouched: the first start's
// offer to join a shared dataset (share.offer) stands only then.
import type Database from 'better-sqlite3';

/** True once anything beyond loading the sample was recorded (a change, a restore, a join, a setting). */
export const changedSinceSample = (sqlite: Database.Database): boolean =>
  sqlite.prepare("SELECT EXISTS (SELECT 1 FROM audit_log WHERE action <> 'sample.load')").pluck().get() === 1;
