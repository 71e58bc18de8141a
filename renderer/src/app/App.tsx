// The main screen: filters and summary on top, the ranking grid on the left, the selected
// issue on the right. Every edit is saved at once through the contract.
import type { SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo, ChangeResult, IssueDetail, IssueRow, Organization, Round, Settings, SummaryLine } from '../../../electron/contract/channels';
import { ApiError, invoke } from '../api/client';
import { FilterBar, NO_FILTERS, type Filters } from '../features/filters/FilterBar';
import { SORT_COLUMN } from '../features/grid/columns';
import { IssueGrid } from '../features/grid/IssueGrid';
import { useIssueWindow, type IssueListQuery } from '../features/grid/useIssueWindow';
import { IssuePanel } from '../features/issue-panel/IssuePanel';
import { SyncStatus } from '../features/sync/SyncStatus';
import { useTeamSync } from '../features/sync/useSyncView';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { BackupsView } from '../features/backups/BackupsView';
import { SummaryBar } from '../features/summary/SummaryBar';
import { useUndo } from '../features/undo/useUndo';
import { ComparisonView } from '../features/compare/ComparisonView';
import { RulesView } from '../features/rules/RulesView';
import { VersionupStatusView } from '../features/versionup/VersionupStatusView';
import { ExportDialog } from '../features/export/ExportDialog';
import { ImportDialog } from '../features/import/ImportDialog';
import { InquiryView } from '../features/inquiry/InquiryView';
import { AuditView } from '../features/audit/AuditView';
import { MoversView } from '../features/movers/MoversView';
import { CarriedBar } from '../features/rounds/CarriedBar';
import { RoundsView } from '../features/rounds/RoundsView';
import { usePreviousSummary } from '../features/summary/usePreviousSummary';

type View = 'grid' | 'versionup' | 'rules' | 'backups' | 'rounds' | 'movers' | 'audit' | 'inquiry';
const VIEWS: [View, string][] = [
  ['grid', 'ランク付け'],
  ['rounds', '評価回'],
  ['movers', 'ランク変動'],
  ['versionup', 'バージョンアップ状況'],
  ['rules', '記載ルール'],
  ['inquiry', '照会'],
  ['audit', '監査ログ'],
  ['backups', 'バックアップ'],
];
import { rankForKey, rankKeysHint } from './rank-keys';
import { moveRank } from './summary-math';
import { useDebounced } from './useDebounced';
import { useShortcuts } from './useShortcuts';

const message = (e: unknown): string => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [organizations, setOrganizations] = useState<Organization[]>([]);
  const [roundId, setRoundId] = useState<number | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [selectedIndex, setSelectedIndex] = useState(0);
  const [detail, setDetail] = useState<IssueDetail | null>(null);
  const [summary, setSummary] = useState<SummaryLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [summaryKey, setSummaryKey] = useState(0);
  const [comparing, setComparing] = useState<number | null>(null);
  const [view, setView] = useState<View>('grid');
  const [rulesVersion, setRulesVersion] = useState(0);
  const [exportOpen, setExportOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [dataVersion, setDataVersion] = useState(0);
  const gridRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const onError = useCallback((e: unknown) => setError(message(e)), []);
  const round = rounds.find((r) => r.id === roundId) ?? null;
  const text = useDebounced(filters.text.trim(), 100);

  useEffect(() => {
    Promise.all([invoke('app.info', {}), invoke('rounds.list', {}), invoke('organizations.list', {}), invoke('settings.get', {})])
      .then(([i, r, o, s]) => {
        setInfo(i);
        setRounds(r);
        setOrganizations(o);
        setSettings(s);
        setRoundId(r[0]?.id ?? null);
      })
      .catch(onError);
  }, [onError]);

  const filter = useMemo(() => {
    if (roundId === null) return null;
    return {
      roundId,
      ...(filters.organizationId !== null && { organizationIds: [filters.organizationId] }),
      ...(filters.level !== null && { levels: [filters.level] }),
      ...(filters.rank !== null && { ranks: [filters.rank === '' ? null : filters.rank] }),
      ...(filters.carried && { carried: true }),
      ...(text && { text }),
    };
  }, [roundId, filters.organizationId, filters.level, filters.rank, filters.carried, text]);

  const query = useMemo<IssueListQuery | null>(
    () => filter && { ...filter, sort: sorting.map((s) => ({ column: SORT_COLUMN[s.id] ?? 'org', desc: s.desc })) },
    [filter, sorting],
  );
  const data = useIssueWindow(query, dataVersion, onError);

  useEffect(() => setSelectedIndex(0), [query]);

  useEffect(() => {
    if (!filter) return;
    let live = true;
    invoke('summary.get', filter)
      .then((s) => live && setSummary(s))
      .catch(onError);
    return () => {
      live = false;
    };
  }, [filter, summaryKey, onError]);
  const previousSummary = usePreviousSummary(filter, onError);

  /** Rounds were created, changed or deleted (評価回 / 監査ログ screens): reload them and what shows their data. */
  const reloadRounds = useCallback(() => {
    invoke('rounds.list', {})
      .then((r) => {
        setRounds(r);
        setRoundId((id) => (r.some((x) => x.id === id) ? id : (r[0]?.id ?? null)));
        setDataVersion((v) => v + 1);
        setSummaryKey((k) => k + 1);
      })
      .catch(onError);
  }, [onError]);

  // Team sync: the header's status, 要確認 in the grid, others' changes shown without a reload.
  const sync = useTeamSync(reloadRounds);

  const selectedRow = data.rowAt(selectedIndex);
  const selectedId = selectedRow?.id ?? null;
  useEffect(() => {
    if (selectedId === null || roundId === null) {
      setDetail(null);
      return;
    }
    let live = true;
    invoke('issues.get', { issueId: selectedId, roundId })
      .then((d) => live && setDetail(d))
      .catch(onError);
    return () => {
      live = false;
    };
  }, [selectedId, roundId, onError]);

  const applyRow = useCallback(
    (row: IssueRow) => {
      const before = data.rowAt(data.indexOf(row.id));
      data.replaceRow(row);
      setDetail((d) => (d && d.id === row.id ? { ...d, ...row } : d));
      // The row is in the current filter, so its rank change moves one count of the summary;
      // no need to ask the database to count everything again after each key press.
      if (before && summary) {
        if (before.rank !== row.rank || before.carried !== row.carried) {
          setSummary(moveRank(summary, row.level, before.rank, row.rank, Number(row.carried) - Number(before.carried)));
        }
      } else setSummaryKey((k) => k + 1);
    },
    [data, summary],
  );
  const undo = useUndo(applyRow, onError);

  /** Applies a saved change to the grid, panel and summary, and makes it undoable. */
  const saved = useCallback(
    (change: Promise<ChangeResult>, describe: (key: string) => string) => {
      change
        .then((res) => {
          applyRow(res.row);
          undo.record(res.auditId);
          setStatus(describe(res.row.key));
          setError(null);
        })
        .catch(onError);
    },
    [applyRow, undo, onError],
  );

  const setRank = useCallback(
    (rank: string | null) => {
      if (!selectedRow || roundId === null) return;
      saved(invoke('evaluations.setRank', { issueId: selectedRow.id, roundId, rank }), (key) => `${key} のランクを ${rank ?? '未評価'} にしました`);
    },
    [selectedRow, roundId, saved],
  );

  const setComment = useCallback(
    (comment: string) => {
      if (!detail || roundId === null) return;
      saved(invoke('evaluations.setComment', { issueId: detail.id, roundId, comment }), (key) => `${key} の所見を保存しました`);
    },
    [detail, roundId, saved],
  );

  useShortcuts({
    onExport: useCallback(() => setExportOpen(true), []),
    onUndo: useCallback(() => void undo.undo(), [undo]),
    onRedo: useCallback(() => void undo.redo(), [undo]),
    searchRef,
    gridRef,
  });

  const focusGrid = () => gridRef.current?.querySelector<HTMLElement>('[role=grid]')?.focus();

  return (
    <div className="app">
      <header className="topbar">
        <h1>X方針ワークベンチ</h1>
        <nav role="tablist" aria-label="画面" className="tabs">
          {VIEWS.map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={view === id} onClick={() => setView(id)}>
              {label}
            </button>
          ))}
        </nav>
        <span className="muted small" title={info?.dbFile}>
          {info ? `更新者: ${info.actor}` : ''}
        </span>
        <SyncStatus view={sync.view} />
        <button type="button" onClick={() => setImportOpen(true)}>
          取り込み…
        </button>
        <button type="button" onClick={() => setExportOpen(true)} disabled={rounds.length === 0} title="Ctrl+P">
          資料の出力…
        </button>
        <button type="button" onClick={() => setSettingsOpen(true)} disabled={!settings}>
          設定
        </button>
      </header>
      {view === 'versionup' && <VersionupStatusView key={rulesVersion} onOpen={setComparing} onError={onError} />}
      {view === 'rules' && <RulesView onError={onError} onSaved={() => setRulesVersion((v) => v + 1)} />}
      {/* Keyed by the backup settings: a change in the settings dialog shows at once. */}
      {view === 'backups' && <BackupsView key={JSON.stringify(settings?.backups)} onError={onError} />}
      {view === 'inquiry' && (
        <InquiryView
          onError={onError}
          onChanged={() => {
            // Collected returns are new versions: the grid's titles and the panel may change.
            setDataVersion((v) => v + 1);
            setSummaryKey((k) => k + 1);
          }}
        />
      )}
      {view === 'rounds' && (
        <RoundsView
          rounds={rounds}
          onRoundsChanged={reloadRounds}
          onOpen={(id) => {
            setRoundId(id);
            setView('grid');
          }}
          onError={onError}
        />
      )}
      {view === 'movers' && <MoversView rounds={rounds} organizations={organizations} />}
      {view === 'audit' && <AuditView rounds={rounds} onError={onError} onChanged={reloadRounds} />}
      {view === 'grid' && (
      <FilterBar
        rounds={rounds}
        round={round}
        onRound={setRoundId}
        organizations={organizations}
        filters={filters}
        onChange={setFilters}
        searchRef={searchRef}
        shown={data.total}
      />
      )}
      {view === 'grid' && <SummaryBar lines={summary} round={round} previous={previousSummary} />}
      {view === 'grid' && (
        <CarriedBar
          round={round}
          carried={summary?.reduce((s, l) => s + l.carried, 0) ?? 0}
          filter={filter}
          onError={onError}
          onConfirmed={(m) => {
            setStatus(m);
            reloadRounds();
          }}
        />
      )}
      {error && (
        <div role="alert" className="error">
          {error}
          <button type="button" aria-label="エラーを閉じる" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      {info && rounds.length === 0 && (
        <p className="notice" role="status">
          評価回がまだありません。サンプルを使うには xpw init --sample で作成したデータベースを開いてください。
        </p>
      )}
      <main className="workspace" hidden={view !== 'grid'}>
        <div className="grid-wrap" ref={gridRef}>
          <IssueGrid
            data={data}
            selectedIndex={selectedIndex}
            onSelect={setSelectedIndex}
            sorting={sorting}
            onSortingChange={setSorting}
            onCharKey={(key) => {
              if (!round) return false;
              const rank = rankForKey(round.ranks, key);
              if (rank === undefined && key.toLowerCase() === 'd' && selectedRow) {
                setComparing(selectedRow.id);
                return true;
              }
              if (rank === undefined) return false;
              setRank(rank);
              return true;
            }}
            onEnter={() => commentRef.current?.focus()}
          />
        </div>
        <IssuePanel
          issue={detail}
          round={round}
          onRank={setRank}
          onComment={setComment}
          onDone={focusGrid}
          onCompare={() => detail && setComparing(detail.id)}
          commentRef={commentRef}
        />
      </main>
      <footer className="statusbar" aria-live="polite">
        {status || `↑↓で移動、${round ? rankKeysHint(round.ranks) : '1/2/3'}でランク、Enterで所見、Dで版の比較、Ctrl+Zで元に戻す`}
      </footer>
      {comparing !== null && (
        <ComparisonView
          issueId={comparing}
          onError={onError}
          onClose={() => {
            setComparing(null);
            focusGrid();
          }}
        />
      )}
      {importOpen && (
        <ImportDialog
          rounds={rounds}
          organizations={organizations}
          roundId={roundId}
          onImported={() => {
            // Imports add issues and organizations and change ranks: reload what the grid shows.
            setDataVersion((v) => v + 1);
            setSummaryKey((k) => k + 1);
            invoke('organizations.list', {}).then(setOrganizations).catch(onError);
          }}
          onError={onError}
          onClose={() => {
            setImportOpen(false);
            focusGrid();
          }}
        />
      )}
      {exportOpen && (
        <ExportDialog
          rounds={rounds}
          organizations={organizations}
          roundId={roundId}
          grid={query}
          gridCount={data.total}
          selectedIssue={selectedRow ? { id: selectedRow.id, key: selectedRow.key, level: selectedRow.level } : null}
          onError={onError}
          onClose={() => {
            setExportOpen(false);
            focusGrid();
          }}
        />
      )}
      {settingsOpen && settings && (
        <SettingsDialog
          settings={settings}
          onClose={() => setSettingsOpen(false)}
          onSaved={(s) => {
            setSettings(s);
            setSettingsOpen(false);
            invoke('app.info', {}).then(setInfo).catch(onError);
          }}
        />
      )}
    </div>
  );
}
