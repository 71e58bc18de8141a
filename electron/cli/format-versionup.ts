// Plain-text output of `xpw compare` and `xpw lint`: [-deleted-] and {+inserted+}, like wdiff.
import type Database from 'better-sqlite3';
import { formatWarekiPeriod } from '../../common/wareki.js';
import { issueKeyOf } from '../../db/queries/versionup.js';
import type { Comparison } from '../services/compare/compare-issue.js';
import type { VersionFindings } from '../services/rules/run-rules.js';

const STATUS: Record<string, string> = { same: '変更なし', changed: '変更あり', new: '新規', removed: '削除', empty: '記載なし' };

export function formatComparison(c: Comparison): string {
  const lines = [
    `${c.key} ${c.title}`,
    `${c.from.label} (${formatWarekiPeriod(c.from.asOf)}時点) ${c.from.printedNumber} → ${c.to.label} (${formatWarekiPeriod(c.to.asOf)}時点) ${c.to.printedNumber}${c.numberChanged ? '  ※課題番号が変わりました' : ''}`,
  ];
  for (const f of c.fields) {
    lines.push('', `${f.mark} ${f.label} — ${STATUS[f.status]}${f.status === 'changed' ? ` (${Math.round(f.changedShare * 100)}%)` : ''}`);
    if (f.status === 'empty') continue;
    lines.push(f.parts.map((p) => (p.op === 'insert' ? `{+${p.text}+}` : p.op === 'delete' ? `[-${p.text}-]` : p.text)).join(''));
  }
  for (const side of [c.from, c.to]) {
    for (const f of side.findings) lines.push(`記載チェック ${side.label}: ${f.fieldLabel} ${f.message} (${f.detail})`);
  }
  if (c.note) lines.push('', `事務局メモ: ${c.note.note}`);
  return lines.join('\n');
}

export function formatFindings(sqlite: Database.Database, results: VersionFindings[]): string {
  const lines: string[] = [];
  let count = 0;
  for (const r of results) {
    for (const f of r.findings) {
      count += 1;
      lines.push(`${issueKeyOf(sqlite, r.issueId)}\t${r.label}\t${f.fieldLabel}\t${f.ruleLabel}\t${f.message}\t${f.detail}`);
    }
  }
  lines.push(`${results.length} 版を確認、指摘 ${count} 件`);
  return lines.join('\n');
}
