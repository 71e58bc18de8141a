// In the issue panel: who changed the rank or 所見 last and on which PC, and the issue's 要確認
// conflicts (事務局メモ or a version's text ①–⑤ changed on two PCs from the same text) with a choice
// that resolves them.
import { useEffect, useState } from 'react';
import { invoke } from '../../api/client';
import type { Output } from '../../../../electron/contract/channels';
import { fieldLabel } from '../../../../common/fields';
import { formatDateTime } from '../../lib/format';

type Info = Output<'sync.issue'>;

export function IssueSyncInfo({ issueId, roundId, version, onError }: { issueId: number; roundId: number; version: string; onError?(message: string): void }) {
  const [info, setInfo] = useState<Info | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    invoke('sync.issue', { issueId, roundId }).then((i) => live && setInfo(i), () => live && setInfo(null));
    const t = setInterval(() => setTick((n) => n + 1), 3000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [issueId, roundId, version, tick]);
  if (!info || (info.last.length === 0 && info.conflicts.length === 0)) return null;
  const resolve = (c: Info['conflicts'][number], value: unknown) => {
    invoke('sync.resolve', { kind: c.kind as 'note' | 'rules' | 'version' | 'scale', key: c.key, field: c.field, value }).then(
      () => setTick((n) => n + 1),
      (e: Error) => onError?.(e.message),
    );
  };
  return (
    <section className="sync-info small" aria-label="共有の状況">
      {info.last.map((l) => (
        <p key={l.field}>
          {l.field === 'rank' ? 'ランク' : '所見'}の最終更新: {l.user} さん ({l.pc})、{formatDateTime(l.at)}
        </p>
      ))}
      {info.conflicts.map((c) => (
        <div key={`${c.kind}${JSON.stringify(c.key)}${c.field}`} className="sync-conflict-box" role="group" aria-label="要確認">
          <p>
            <strong className="sync-conflict">要確認</strong>{' '}
            {c.kind === 'version' ? `版 ${c.key.version} の${c.field === 'remarks' ? '備考' : fieldLabel(c.field)}` : `事務局メモ (${c.key.from} → ${c.key.to})`}{' '}
            が別々のPCで同時に変更されました。どちらかを選んでください。
          </p>
          {c.heads.map((h) => (
            <div key={h.id} className="sync-head">
              <p>
                {h.user} さん ({h.pc}):
              </p>
              <blockquote>{String(h.value ?? '')}</blockquote>
              <button type="button" onClick={() => resolve(c, h.value)}>
                この内容にする
              </button>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
