// The audit screen's filter as the user sets it (dates as local calendar days) and as the
// contract takes it (UTC instants, the end day inclusive → the next midnight exclusive).
import type { Input } from '../../../../electron/contract/channels';

export interface AuditFilterForm {
  actor: string;
  issueKey: string;
  roundId: number | null;
  entity: string;
  /** 'YYYY-MM-DD' local days, '' for open. */
  fromDay: string;
  toDay: string;
}

export const NO_AUDIT_FILTER: AuditFilterForm = { actor: '', issueKey: '', roundId: null, entity: '', fromDay: '', toDay: '' };

function localMidnight(day: string, addDays = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays).toISOString();
}

export function toAuditFilter(f: AuditFilterForm): Input<'audit.count'> {
  const from = localMidnight(f.fromDay);
  const to = localMidnight(f.toDay, 1);
  return {
    ...(f.actor && { actor: f.actor }),
    ...(f.issueKey.trim() && { issueKey: f.issueKey.trim() }),
    ...(f.roundId !== null && { roundId: f.roundId }),
    ...(f.entity && { entity: f.entity }),
    ...(from && { from }),
    ...(to && { to }),
  };
}
