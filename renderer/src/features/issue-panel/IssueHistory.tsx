// The last changes of the selected issue, from the audit log (who, when, before → after).
import { useEffect, useState } from 'react';
import type { AuditRow } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { describeAudit } from '../../../../common/audit-text';
import { formatDateTime } from '../../lib/format';

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
            {((t) => `${t.action}: ${t.before} → ${t.after}`)(describeAudit(r, 24))}
          </li>
        ))}
      </ol>
    </section>
  );
}
