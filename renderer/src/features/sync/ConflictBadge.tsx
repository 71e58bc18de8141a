// 要確認 in the grid: issues whose 事務局メモ (or another text) was changed on two PCs from the same
// value. The set comes from the header's sync status (App provides it); the panel resolves them.
import { createContext, useContext } from 'react';

export const ConflictIssueIds = createContext<ReadonlySet<number>>(new Set());

export function ConflictBadge({ issueId }: { issueId: number }) {
  const ids = useContext(ConflictIssueIds);
  if (!ids.has(issueId)) return null;
  return (
    <span className="sync-conflict-badge" title="別々のPCで同時に変更されました。課題のパネルで内容を選んでください">
      要確認
    </span>
  );
}
