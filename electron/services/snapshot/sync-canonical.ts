// The canonical dump that two PCs of one shared dataset must agree on byte for byte: the
// single-file export's dump less what is this PC's own — its sync state and unsent queue, its own
// settings (display name, export defaults, backup policy), its audit log (the same entries, but
// numbered in the order this PC learnt of them), its import and 照会 history — and with every row
// named by its stable keys instead of local row numbers (PCs that create rows number them apart).
import type Database from 'better-sqlite3';
import { THIS_PC_SETTING_KEYS } from '../../../db/write/sync-records.js';
import { DERIVED_SETTINGS, dumpTables, encodeValue } from './canonical-dump.js';

// imports / import_changes: the record of an import (its file, what it can undo) stays on the PC
// that made it; what it wrote travels as records like any other change. The same for a 照会
// (inquiries, forms, items: its signing key never leaves the PC that generated the forms).
const LOCAL_TABLES = new Set([
  'audit_log',
  'sync_outbox',
  'sync_state',
  'sqlite_sequence',
  'imports',
  'import_changes',
  'inquiries',
  'inquiry_forms',
  'inquiry_items',
]);
const LOCAL_IDS = new Set(['writing_rules']);
const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

/**
 * Tables whose rows are created on several PCs: their local row numbers differ, so the comparison
 * names each row, and each reference to another row, by its stable key (局区 short name, scale
 * name, round label, issue uid, version label).
 */
const BY_KEY: Record<string, string> = {
  organizations: 'SELECT short_name, full_name, kind, display_order, full_name_assumed FROM organizations ORDER BY short_name',
  scales: 'SELECT name FROM scales ORDER BY name',
  scale_ranks:
    'SELECT s.name, r.value, r.label, r.definition, r.sort_order FROM scale_ranks r JOIN scales s ON s.id = r.scale_id ORDER BY s.name, r.value',
  rounds:
    'SELECT r.label, r.title, r.as_of, r.meeting_date, s.name, r.locked_at, r.locked_by FROM rounds r JOIN scales s ON s.id = r.scale_id ORDER BY r.label',
  issues: `SELECT i.uid, o.short_name, i.level, i.number, i.title, i.title_sort, i.data_note, i.created_at
             FROM issues i JOIN organizations o ON o.id = i.organization_id ORDER BY i.uid`,
  issue_versions: `SELECT i.uid, v.label, v.as_of, v.number, v.title, v.content, v.background, v.actions, v.progress, v.remarks, v.created_at
             FROM issue_versions v JOIN issues i ON i.id = v.issue_id ORDER BY i.uid, v.label`,
  evaluations: `SELECT i.uid, r.label, e.rank, e.comment, e.comment_sort, e.updated_by, e.updated_at, e.carried
             FROM evaluations e JOIN issues i ON i.id = e.issue_id JOIN rounds r ON r.id = e.round_id ORDER BY i.uid, r.label`,
  comparison_notes: `SELECT i.uid, f.label, t.label, n.note, n.updated_by, n.updated_at FROM comparison_notes n
             JOIN issues i ON i.id = n.issue_id JOIN issue_versions f ON f.id = n.from_version_id JOIN issue_versions t ON t.id = n.to_version_id
             ORDER BY i.uid, f.label, t.label`,
};

export function syncCanonicalDump(sqlite: Database.Database): string {
  let out = '';
  for (const t of dumpTables(sqlite)) {
    if (LOCAL_TABLES.has(t.name)) continue;
    const byKey = BY_KEY[t.name];
    if (byKey) {
      const stmt = sqlite.prepare(byKey).raw(true).safeIntegers(true);
      out += `${JSON.stringify({ table: t.name, columns: stmt.columns().map((c) => c.name) })}\n`;
      for (const row of stmt.iterate() as Iterable<unknown[]>) out += `${JSON.stringify(row.map(encodeValue))}\n`;
      continue;
    }
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
