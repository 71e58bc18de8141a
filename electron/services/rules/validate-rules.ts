// Checks a rule set from the rules screen before it replaces the stored one.
import { z } from 'zod';
import { DbError } from '../../../db/errors.js';
import type { NewWritingRule } from '../../../db/queries/rules.js';
import { RULE_KINDS, RULE_KIND_NAMES, type RuleKind } from './rule-kinds.js';

const DEFAULTS: Record<RuleKind, Record<string, unknown>> = {
  required: {},
  minLength: { min: 30 },
  numberTarget: {},
  timeLimit: {},
  similarity: { threshold: 0.6 },
  onlyDeliberation: { words: ['検討', '協議', '調整'], minRankOrder: 2 },
};

export function ruleKindInfo() {
  return RULE_KIND_NAMES.map((kind) => {
    const spec = RULE_KINDS[kind];
    const fieldSchema = spec.field as unknown as z.ZodEnum;
    return { kind, label: spec.label, fields: [...fieldSchema.options] as string[], defaults: DEFAULTS[kind] };
  });
}

interface RuleInput {
  kind: string;
  field: string;
  params: Record<string, unknown>;
  message: string;
  enabled: boolean;
}

export function validateRules(rules: RuleInput[]): NewWritingRule[] {
  return rules.map((r, i) => {
    const where = `ルール ${i + 1} 行目`;
    if (!(RULE_KIND_NAMES as string[]).includes(r.kind)) throw new DbError('INVALID', `${where}: 種類「${r.kind}」はありません`);
    const spec = RULE_KINDS[r.kind as RuleKind];
    if (!spec.field.safeParse(r.field).success) throw new DbError('INVALID', `${where}: 項目「${r.field}」はこの種類(${spec.label})に使えません`);
    const params = spec.params.safeParse(r.params);
    if (!params.success) {
      const detail = params.error.issues.map((x) => `${x.path.join('.') || '(設定)'}: ${x.message}`).join(' / ');
      throw new DbError('INVALID', `${where}: 設定値が正しくありません — ${detail}`);
    }
    return { kind: r.kind, field: r.field, params: params.data as Record<string, unknown>, message: r.message, enabled: r.enabled, sortOrder: (i + 1) * 10 };
  });
}
