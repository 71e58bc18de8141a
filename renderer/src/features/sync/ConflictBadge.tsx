// 要確認 in the grid: issues whose 事務局メモ (or another text) was changed on two PCs from the same
// value. The ids come from the sync status the App polls (useTeamSync publishes them here, so the
// grid's cells subscribe without new props); the panel resolves them.
import { useSyncExternalStore } from 'react';

let current: ReadonlySet<number> = new Set();
const listeners = new Set<() => void>();

export function publishConflictIds(ids: ReadonlySet<number>): void {
  current = ids;
  for (const l of listeners) l();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export function ConflictBadge({ issueId }: { issueId: number }) {
  const ids = useSyncExternalStore(subscribe, () => current);
  if (!ids.has(issueId)) return null;
  return (
    <span className="sync-conflict-badge" title="別々のPCで同時に変更されました。課題のパネルで内容を選んでください">
      要確認
    </span>
  );
}
