// Runs the 記載チェック rules on one version or on every issue's version of a label.
import type Database from 'better-sqlite3';
import { fieldLabel } from '../../../common/fields.js';
import { listRules, type WritingRule } from '../../../db/queries/rules.js';
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

interface VersionRow extends VersionTexts {
  issueId: number;
  versionId: number;
  label: string;
  rankOrder: number | null;
}

/**
 * Findings for every issue: its version with `label`, or its latest version when no label is
 * given. The rank context comes from the round `roundId` (default: the latest round).
 */
export function lintVersions(sqlite: Database.Database, options: { label?: string; roundId?: number; issueIds?: number[] } = {}): VersionFindings[] {
  const rules = listRules(sqlite);
  const roundId =
    options.roundId ?? (sqlite.prepare('SELECT id FROM rounds ORDER BY as_of DESC, id DESC LIMIT 1').pluck().get() as number | undefined) ?? 0;
  const pick = options.label
    ? 'v.label = @label'
    : 'v.id = (SELECT v2.id FROM issue_versions v2 WHERE v2.issue_id = v.issue_id ORDER BY v2.as_of DESC, v2.id DESC LIMIT 1)';
  const only = options.issueIds?.length ? 'AND v.issue_id IN (SELECT value FROM json_each(@ids))' : '';
  const rows = sqlite
    .prepare(
      `SELECT v.issue_id AS issueId, v.id AS versionId, v.label, v.title, v.content, v.background, v.actions, v.progress,
              r.sort_order AS rankOrder
       FROM issue_versions v
       LEFT JOIN evaluations e ON e.issue_id = v.issue_id AND e.round_id = @roundId
       LEFT JOIN scale_ranks r ON r.scale_id = (SELECT scale_id FROM rounds WHERE id = @roundId) AND r.value = e.rank
       WHERE ${pick} ${only} ORDER BY v.issue_id`,
    )
    .all({ roundId, label: options.label ?? null, ids: JSON.stringify(options.issueIds ?? []) }) as VersionRow[];
  return rows.map((r) => ({
    issueId: r.issueId,
    versionId: r.versionId,
    label: r.label,
    findings: runRules(rules, r, { rankOrder: r.rankOrder }),
  }));
}
