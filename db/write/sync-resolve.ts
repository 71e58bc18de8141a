// Resolving a 要確認 conflict: the person's choice (one side, or a merged text) is itself a change,
// recorded like any other and naming the competing records it settles, so every PC clears the
// conflict when the resolution reaches it.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { listConflicts, noteIds } from '../queries/sync.js';
import { statement } from '../statements.js';
import { recordChange, writeTransaction } from './change.js';
import { emitResolution } from './sync-records.js';
import { groupRecords } from './sync-structure.js';

export function resolveConflict(
  sqlite: Database.Database,
  c: { kind: string; key: Record<string, string>; field: string; value: unknown; actor: string },
): void {
  writeTransaction(sqlite, () => {
    const conflict = listConflicts(sqlite).find((x) => x.kind === c.kind && x.field === c.field && JSON.stringify(x.key) === JSON.stringify(c.key));
    if (!conflict) throw new DbError('NOT_FOUND', 'この競合はすでに解決されています');
    const supersedes = conflict.heads.map((h) => h.id);
    if (c.kind === 'note') {
      const { issue, from, to } = c.key as { issue: string; from: string; to: string };
      const ids = noteIds(sqlite, { issue, from, to });
      if (!ids) throw new DbError('NOT_FOUND', `変革課題 ${issue} の版 ${from}・${to} がありません`);
      const current = (statement(sqlite, 'SELECT note FROM comparison_notes WHERE issue_id = ? AND from_version_id = ? AND to_version_id = ?', 'pluck').get(
        ids.issueId,
        ids.fromId,
        ids.toId,
      ) ?? '') as string;
      recordChange(sqlite, {
        actor: c.actor,
        action: 'sync.resolve',
        entity: 'comparison_note',
        issueId: ids.issueId,
        before: { note: current, from: ids.fromId, to: ids.toId },
        after: { note: String(c.value ?? ''), from: ids.fromId, to: ids.toId },
        supersedes,
      });
    } else if (c.kind === 'rules') {
      recordChange(sqlite, { actor: c.actor, action: 'sync.resolve', entity: 'writing_rules', before: null, after: c.value, supersedes });
    } else if (c.kind === 'version' || c.kind === 'scale') {
      // A text ①–⑤ of a version, or a scale's ranks: the chosen (or merged) value as a new record.
      const key = JSON.stringify(Object.fromEntries(Object.keys(c.key).sort().map((k) => [k, c.key[k]])));
      const last = groupRecords(sqlite, c.kind, key).recs.filter((r) => r.field === c.field).at(-1);
      const before = last?.after == null ? null : (JSON.parse(last.after) as unknown);
      const issueId = c.key.issue ? (statement(sqlite, 'SELECT id FROM issues WHERE uid = ?', 'pluck').get(c.key.issue) as number | undefined) : undefined;
      recordChange(sqlite, { actor: c.actor, action: 'sync.resolve', entity: c.kind, issueId: issueId ?? null, before: { [c.field]: before, ...c.key }, after: { [c.field]: c.value } });
      emitResolution(sqlite, { kind: c.kind, key: c.key, field: c.field, before, after: c.value ?? null }, { actor: c.actor, supersedes });
    } else {
      throw new DbError('INVALID', `この種類の競合 (${c.kind}) は解決できません`);
    }
  });
}
