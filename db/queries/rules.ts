// 記載チェック rules as stored; their meaning is in electron/services/rules.
import type Database from 'better-sqlite3';

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
