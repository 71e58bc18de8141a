// The team-sync state for the header and the panel, polled from the contract (the background
// sync itself runs in the app/preview process, never here).
import { useCallback, useEffect, useState } from 'react';
import { invoke } from '../../api/client';
import type { Output } from '../../../../electron/contract/channels';

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
  if (v.error) return `${v.error.replace(/ \(.*\)$/, '')} — 変更はこのPCに保存されています${v.pending ? ` (未送信 ${v.pending}件)` : ''}`;
  if (v.pending) return `未送信 ${v.pending}件`;
  return v.lastSyncAt ? `同期済み (${hhmm(v.lastSyncAt)})` : '同期の準備中';
}
