// 記載チェック rules as stored; their meaning is in electron/services/rules.
import type Database from 'better-sqlite3';
import { appendAudit } from './audit.js';

export interface WritingRule {
  id: number;
  kind: string;
  field: string;
  params: Record<string, unknown>;
  message: string;
  enabled: boolean;
  sortOrder: number;
}

export type NewWritingRule = Omit<WritingRule, 'id'>;

export function listRules(sqlite: Database.Database): WritingRule[] {
  const rows = sqlite
    .prepare('SELECT id, kind, field, params, message, enabled, sort_order AS sortOrder FROM writing_rules ORDER BY sort_order, id')
    .all() as (Omit<WritingRule, 'params' | 'enabled'> & { params: string; enabled: number })[];
  return rows.map((r) => ({ ...r, params: JSON.parse(r.params) as Record<string, unknown>, enabled: r.enabled === 1 }));
}

/** Replaces the whole rule set (the rules screen saves it as one), audited, in one transaction. */
export function replaceRules(sqlite: Database.Database, rules: NewWritingRule[], actor: string): WritingRule[] {
  return sqlite.transaction(() => {
    const before = listRules(sqlite);
    sqlite.prepare('DELETE FROM writing_rules').run();
    const ins = sqlite.prepare(
      'INSERT INTO writing_rules (kind, field, params, message, enabled, sort_order) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const r of rules) ins.run(r.kind, r.field, JSON.stringify(r.params), r.message, r.enabled ? 1 : 0, r.sortOrder);
    const after = listRules(sqlite);
    appendAudit(sqlite, { actor, action: 'rules.replace', entity: 'writing_rules', before, after });
    return after;
  }).immediate();
}
