// Runs the 記載チェック rules on one version or on every issue's version of a label.
import type Database from 'better-sqlite3';
import { fieldLabel } from '../../../common/fields.js';
import { listRules, type WritingRule } from '../../../db/queries/rules.js';
import { latestRoundId, versionsToLint } from '../../../db/queries/versionup.js';
import { RULE_KINDS, type RuleContext, type RuleKind, type VersionTexts } from './rule-kinds.js';

export interface Finding {
  ruleId: number;
  kind: RuleKind;
  /** The field the finding is about, e.g. 'actions' or 'content+background'. */
  field: string;
  /** ②課題の内容 / ②課題の内容・③課題の背景 */
  fieldLabel: string;
  ruleLabel: string;
  message: string;
  detail: string;
}

export function runRules(rules: WritingRule[], version: VersionTexts, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!rule.enabled || !(rule.kind in RULE_KINDS)) continue;
    const spec = RULE_KINDS[rule.kind as RuleKind];
    const params = spec.params.safeParse(rule.params);
    const field = spec.field.safeParse(rule.field);
    if (!params.success || !field.success) continue; // validated on save; a broken row is skipped
    const detail = (spec.check as (v: VersionTexts, f: string, p: unknown, c: RuleContext) => string | null)(version, field.data, params.data, ctx);
    if (detail !== null) {
      findings.push({
        ruleId: rule.id,
        kind: rule.kind as RuleKind,
        field: rule.field,
        fieldLabel: fieldLabel(rule.field),
        ruleLabel: spec.label,
        message: rule.message,
        detail,
      });
    }
  }
  return findings;
}

export interface VersionFindings {
  issueId: number;
  versionId: number;
  label: string;
  findings: Finding[];
}

/**
 * Findings for every issue: its version with `label`, or its latest version when no label is
 * given. The rank context comes from the round `roundId` (default: the latest round).
 */
export function lintVersions(sqlite: Database.Database, options: { label?: string; roundId?: number; issueIds?: number[] } = {}): VersionFindings[] {
  const rules = listRules(sqlite);
  const roundId = options.roundId ?? latestRoundId(sqlite) ?? 0;
  const rows = versionsToLint(sqlite, roundId, options.label, options.issueIds);
  return rows.map((r) => ({
    issueId: r.issueId,
    versionId: r.versionId,
    label: r.label,
    findings: runRules(rules, r, { rankOrder: r.rankOrder }),
  }));
}
