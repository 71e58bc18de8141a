// The last changes of the selected issue, from the audit log (who, when, before → after),
// including the bulk changes (several rows at once, a paste) that changed it.
import { useEffect, useState } from 'react';
import type { IssueHistoryRow } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { describeAudit } from '../../../../common/audit-text';
import { formatDateTime } from '../../lib/format';

/** 「ランクの一括変更 (12 件)」: one of many rows changed at once, or the undo of that. */
function bulkAction(r: IssueHistoryRow, bulk: NonNullable<IssueHistoryRow['bulk']>): string {
  const field = bulk.field === 'rank' ? 'ランク' : '所見';
  return `${field}の一括変更${r.action === 'undo' ? 'の取消' : ''} (${bulk.count.toLocaleString('ja-JP')} 件)`;
}

export function IssueHistory({ issueId, version }: { issueId: number; version: string | null }) {
  const [rows, setRows] = useState<IssueHistoryRow[]>([]);
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
            {((t) => `${r.bulk ? bulkAction(r, r.bulk) : t.action}: ${t.before} → ${t.after}`)(describeAudit(r, 24))}
          </li>
        ))}
      </ol>
    </section>
  );
}
