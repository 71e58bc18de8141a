// The last changes of the selected issue, from the audit log (who, when, before → after).
import { useEffect, useState } from 'react';
import type { AuditRow } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { formatDateTime } from '../../lib/format';

const ACTIONS: Record<string, string> = {
  'evaluation.rank': 'ランク',
  'evaluation.comment': '所見',
  undo: '取消',
};

function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const v = Object.values(value as Record<string, unknown>)[0];
  if (v === null || v === '') return '(なし)';
  const s = String(v);
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}

export function IssueHistory({ issueId, version }: { issueId: number; version: string | null }) {
  const [rows, setRows] = useState<AuditRow[]>([]);
  useEffect(() => {
    let live = true;
    invoke('audit.forIssue', { issueId, limit: 10 })
      .then((r) => live && setRows(r))
      .catch(() => live && setRows([]));
    return () => {
      live = false;
    };
  }, [issueId, version]);
  if (rows.length === 0) return null;
  return (
    <section aria-label="変更履歴" className="history">
      <h3>変更履歴</h3>
      <ol>
        {rows.map((r) => (
          <li key={r.id}>
            <span className="muted small">
              {formatDateTime(r.at)} {r.actor}
            </span>{' '}
            {ACTIONS[r.action] ?? r.action}: {describe(r.before)} → {describe(r.after)}
          </li>
        ))}
      </ol>
    </section>
  );
}
