// The top of every screen: the skip link, the title, the screen tabs, who is editing, the team
// sync status and the buttons that open the app-wide dialogs.
import { AboutButton } from '../features/about/AboutButton';
import { SyncStatus } from '../features/sync/SyncStatus';
import type { SyncViewData } from '../features/sync/useSyncView';
import { TabBar } from './TabBar';

export type View = 'grid' | 'charts' | 'versionup' | 'rules' | 'backups' | 'rounds' | 'movers' | 'audit' | 'inquiry';
export const VIEWS: (readonly [View, string])[] = [
  ['grid', 'ランク付け'],
  ['charts', 'グラフ'],
  ['rounds', '評価回'],
  ['movers', 'ランク変動'],
  ['versionup', 'バージョンアップ状況'],
  ['rules', '記載ルール'],
  ['inquiry', '照会'],
  ['audit', '監査ログ'],
  ['backups', 'バックアップ'],
];

/** The ids of a screen's tab and of the tab panel it controls (the ARIA tab pattern). */
export const tabId = (view: View): string => `tab-${view}`;
export const panelId = (view: View): string => `panel-${view}`;

export type AppDialog = 'import' | 'export' | 'publish' | 'settings';

interface Props {
  view: View;
  onView(view: View): void;
  actor: string | null;
  dbFile: string | undefined;
  sync: SyncViewData | null;
  hasRounds: boolean;
  hasSettings: boolean;
  onOpen(dialog: AppDialog): void;
  onError(e: unknown): void;
  focusGrid(): void;
}

export function AppHeader(p: Props) {
  return (
    <>
      <a
        className="skip-link"
        href={p.view === 'grid' ? '#issue-grid' : '#main'}
        onClick={(e) => {
          e.preventDefault();
          if (p.view === 'grid') p.focusGrid();
          else document.getElementById('main')?.focus();
        }}
      >
        {p.view === 'grid' ? '課題の一覧へ移動' : '本文へ移動'}
      </a>
      <header className="topbar">
        <h1>X方針ワークベンチ</h1>
        <nav aria-label="画面の切り替え" className="tabs-nav">
          <TabBar views={VIEWS} current={p.view} onSelect={p.onView} tabId={tabId} panelId={panelId} />
        </nav>
        <span className="muted small" title={p.dbFile}>
          {p.actor !== null ? `更新者: ${p.actor}` : ''}
        </span>
        <SyncStatus view={p.sync} />
        <button type="button" onClick={() => p.onOpen('import')}>
          取り込み…
        </button>
        <button type="button" onClick={() => p.onOpen('export')} disabled={!p.hasRounds} title="Ctrl+P">
          資料の出力…
        </button>
        <button type="button" onClick={() => p.onOpen('publish')} disabled={!p.hasRounds}>
          会議資料一式・公表…
        </button>
        <button type="button" onClick={() => p.onOpen('settings')} disabled={!p.hasSettings}>
          設定
        </button>
        <AboutButton onError={p.onError} />
      </header>
    </>
  );
}
