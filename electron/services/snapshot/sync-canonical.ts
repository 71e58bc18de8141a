// The canonical dump that two PCs of one shared dataset must agree on byte for byte: the
// single-file export's dump less what is this PC's own — its sync state and unsent queue, its own
// settings (display name, export defaults, backup policy), its audit log (the same entries, but
// numbered in the order this PC learnt of them), its import history — and with the local row numbers of merged rows
// left out (evaluations, 事務局メモ and rules are identified by their content and stable keys).
import type Database from 'better-sqlite3';
import { THIS_PC_SETTING_KEYS } from '../../../db/write/sync-records.js';
import { DERIVED_SETTINGS, dumpTables, encodeValue } from './canonical-dump.js';

// imports / import_changes: the record of an import (its file, what it can undo) stays on the PC
// that made it; the ranks and 所見 it wrote travel as records like any other change.
const LOCAL_TABLES = new Set(['audit_log', 'sync_outbox', 'sync_state', 'sqlite_sequence', 'imports', 'import_changes']);
const LOCAL_IDS = new Set(['evaluations', 'comparison_notes', 'writing_rules']);
const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

export function syncCanonicalDump(sqlite: Database.Database): string {
  let out = '';
  for (const t of dumpTables(sqlite)) {
    if (LOCAL_TABLES.has(t.name)) continue;
    const columns = LOCAL_IDS.has(t.name) ? t.columns.filter((c) => c !== 'id') : t.columns;
    const orderBy = LOCAL_IDS.has(t.name) ? columns : t.orderBy;
    const skip = [...DERIVED_SETTINGS, ...THIS_PC_SETTING_KEYS].map((k) => `'${k}'`).join(', ');
    const where = t.name === 'settings' ? ` WHERE key NOT IN (${skip})` : '';
    out += `${JSON.stringify({ table: t.name, columns })}\n`;
    const stmt = sqlite.prepare(`SELECT ${columns.map(q).join(', ')} FROM ${q(t.name)}${where} ORDER BY ${orderBy.map(q).join(', ')}`).raw(true).safeIntegers(true);
    for (const row of stmt.iterate() as Iterable<unknown[]>) out += `${JSON.stringify(row.map(encodeValue))}\n`;
  }
  return out;
}
