// Saving the 記載チェック rules (their meaning is in electron/services/rules).
import type Database from 'better-sqlite3';
import { listRules, type NewWritingRule, type WritingRule } from '../queries/rules.js';
import { recordChange, writeTransaction } from './change.js';

/** Replaces the whole rule set (the rules screen saves it as one), audited, in one transaction. */
export function replaceRules(sqlite: Database.Database, rules: NewWritingRule[], actor: string): WritingRule[] {
  return writeTransaction(sqlite, () => {
    const before = listRules(sqlite);
    sqlite.prepare('DELETE FROM writing_rules').run();
    const ins = sqlite.prepare(
      'INSERT INTO writing_rules (kind, field, params, message, enabled, sort_order) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const r of rules) ins.run(r.kind, r.field, JSON.stringify(r.params), r.message, r.enabled ? 1 : 0, r.sortOrder);
    const after = listRules(sqlite);
    recordChange(sqlite, { actor, action: 'rules.replace', entity: 'writing_rules', before, after });
    return after;
  });
}
