// The team-sync state for the header and the panel, polled from the contract (the background
// sync itself runs in the database worker's long lane — electron/services/sync/sync-loop.ts — never here).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { invoke } from '../../api/client';
import type { Output } from '../../../../electron/contract/channels';
import { publishConflictIds } from './ConflictBadge';

export type SyncViewData = Output<'sync.status'>;

export const SYNC_POLL_MS = 3000;

export function useSyncView(): { view: SyncViewData | null; refresh(): void } {
  const [view, setView] = useState<SyncViewData | null>(null);
  const refresh = useCallback(() => {
    invoke('sync.status', {}).then(setView, () => setView(null));
  }, []);
  useEffect(() => {
    refresh();
    const t = setInterval(refresh, SYNC_POLL_MS);
    return () => clearInterval(t);
  }, [refresh]);
  return { view, refresh };
}

const hhmm = (iso: string) => new Date(iso).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' });

/** 「5分前」: how long ago, in plain Japanese. */
export function ago(iso: string, now = Date.now()): string {
  const min = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60000));
  if (min < 1) return 'たった今';
  if (min < 60) return `${min}分前`;
  const h = Math.round(min / 60);
  return h < 24 ? `${h}時間前` : `${Math.round(h / 24)}日前`;
}

/** The header's one line: 同期済み (10:42) / 未送信 3件 / 共有フォルダに接続できません — … */
export function syncStatusText(v: SyncViewData): string {
  if (v.error) {
    // The technical detail in the last parentheses goes (the server's own words); the place stays.
    const text = v.error.replace(/ \([^()]*\)$/, '');
    // A server that refuses the login: the password is changed (or given again) in 設定 → 共有.
    const hint = /ログインできません/.test(text) ? ' (パスワードは 設定 → 共有 で入力・変更できます)' : '';
    return `${text}${hint} — 変更はこのPCに保存されています${v.pending ? ` (未送信 ${v.pending}件)` : ''}`;
  }
  if (v.pending) return `未送信 ${v.pending}件`;
  return v.lastSyncAt ? `同期済み (${hhmm(v.lastSyncAt)})` : '同期の準備中';
}

/**
 * The App's part of team sync: the status for the header, the 要確認 issue ids for the grid, and a
 * reload of what the screen shows whenever other PCs' changes have arrived (no page reload).
 */
export function useTeamSync(reload: () => void): { view: SyncViewData | null; conflictIds: ReadonlySet<number> } {
  const { view } = useSyncView();
  const revision = view?.revision;
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (revision === undefined) return;
    if (seen.current !== undefined && seen.current !== revision) reload();
    seen.current = revision;
  }, [revision, reload]);
  const key = (view?.conflictIssueIds ?? []).join(',');
  const conflictIds = useMemo(() => new Set(key ? key.split(',').map(Number) : []), [key]);
  useEffect(() => publishConflictIds(conflictIds), [conflictIds]);
  return { view, conflictIds };
}
