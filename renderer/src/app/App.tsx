// The main screen: filters and summary on top, the ranking grid on the left, the selected
// issue on the right. Every edit is saved at once through the contract.
import type { SortingState } from '@tanstack/react-table';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo, IssueDetail, Organization, Round, Settings, SummaryLine } from '../../../electron/contract/channels';
import { ApiError, invoke } from '../api/client';
import { FilterBar, NO_FILTERS, type Filters } from '../features/filters/FilterBar';
import { SORT_COLUMN } from '../features/grid/columns';
import type { SelectHow } from '../features/grid/IssueGrid';
import { all as selectAll, count, extendTo, single, toggle, type Selection } from '../features/grid/selection';
import { useGridPrefs } from '../features/grid/grid-prefs';
import { useFileDrop } from '../features/import/useFileDrop';
import { RankingWorkspace } from '../features/workspace/RankingWorkspace';
import { searchPattern } from '../lib/highlight';
import { useIssueWindow, type IssueListQuery } from '../features/grid/useIssueWindow';
import { useTeamSync } from '../features/sync/useSyncView';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { BackupsView } from '../features/backups/BackupsView';
import { SummaryBar } from '../features/summary/SummaryBar';
import { useRankActions } from '../features/workspace/useRankActions';
import { ComparisonView } from '../features/compare/ComparisonView';
import { RulesView } from '../features/rules/RulesView';
import { VersionupStatusView } from '../features/versionup/VersionupStatusView';
import { ExportDialog } from '../features/export/ExportDialog';
import { PublishDialog } from '../features/publish/PublishDialog';
import { ImportDialog } from '../features/import/ImportDialog';
import { InquiryView } from '../features/inquiry/InquiryView';
import { AuditView } from '../features/audit/AuditView';
import { MoversView } from '../features/movers/MoversView';
import { IssueDialog } from '../features/issue-view/IssueDialog';
// Chart.js is not loaded with the grid people start in: it is fetched when the browser is first
// idle (after the first rows), so the グラフ tab opens without waiting for it.
const loadCharts = () => import('../features/charts/ChartsView');
const ChartsView = lazy(() => loadCharts().then((m) => ({ default: m.ChartsView })));
window.requestIdleCallback?.(() => void loadCharts(), { timeout: 10_000 });
import { CarriedBar } from '../features/rounds/CarriedBar';
import { RoundsView } from '../features/rounds/RoundsView';
import { usePreviousSummary } from '../features/summary/usePreviousSummary';

import { LeaveDialog, type LeaveGuard } from './LeaveDialog';
import { rankForKey, rankKeysHint } from './rank-keys';
import { AppHeader, VIEWS, type View } from './AppHeader';
import { useComparison } from './useComparison';
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
  const [selection, setSelection] = useState<Selection>(() => single(0));
  const [droppedFile, setDroppedFile] = useState<File | null>(null);
  const [columnsOpen, setColumnsOpen] = useState(false);
  const [detail, setDetail] = useState<IssueDetail | null>(null);
  const [summary, setSummary] = useState<SummaryLine[] | null>(null);
  // A message belongs to the screen it arose on: shown there only, gone when the screen is left.
  const [error, setError] = useState<{ view: View; text: string } | null>(null);
  const [status, setStatus] = useState('');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [summaryKey, setSummaryKey] = useState(0);
  const [view, setView] = useState<View>('grid');
  const viewRef = useRef<View>('grid');
  viewRef.current = view;
  const leaveGuard = useRef<LeaveGuard | null>(null);
  const [leaving, setLeaving] = useState<View | null>(null);
  /** An issue opened from a list (ランク変動), with the list to step through. */
  const [viewing, setViewing] = useState<{ ids: number[]; roundId: number; index: number } | null>(null);
  const [rulesVersion, setRulesVersion] = useState(0);
  const [exportOpen, setExportOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [dataVersion, setDataVersion] = useState(0);
  const gridRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const onError = useCallback((e: unknown) => setError({ view: viewRef.current, text: message(e) }), []);
  const onGuard = useCallback((g: LeaveGuard | null) => {
    leaveGuard.current = g;
  }, []);
  /** Opens another screen; unsaved edits on this one are asked about first. */
  const openView = (next: View) => {
    if (next === view) return;
    if (leaveGuard.current) {
      setLeaving(next);
      return;
    }
    leaveGuard.current = null;
    setError(null);
    setStatus(''); // the status bar's last message was about the screen being left
    setView(next);
  };
  const [prefs, changePrefs] = useGridPrefs(info?.actor ?? null);
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

  /** Moves the cursor (and a one-row selection) to `index`. */
  const select = useCallback((index: number) => {
    setSelectedIndex(index);
    setSelection(single(index));
  }, []);
  const selectedIdRef = useRef<number | null>(null);
  const lastFilter = useRef(filter);
  // A new sort keeps the selected issue selected and in view (found by the database in the new
  // order); a new filter starts at the top.
  useEffect(() => {
    const id = selectedIdRef.current;
    const sortOnly = lastFilter.current === filter;
    lastFilter.current = filter;
    if (!sortOnly || id === null || !query) return select(0);
    let live = true;
    invoke('issues.position', { ...query, issueId: id })
      .then(({ index }) => live && select(Math.max(0, index)))
      .catch(onError);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

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
  if (selectedId !== null) selectedIdRef.current = selectedId;
  useEffect(() => {
    if (selectedId === null || roundId === null) {
      // A row not loaded yet (a new sort) keeps the pane as it is; an empty list clears it.
      if (data.total === 0 || roundId === null) setDetail(null);
      return;
    }
    let live = true;
    invoke('issues.get', { issueId: selectedId, roundId })
      .then((d) => live && setDetail(d))
      .catch(onError);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, roundId, onError]);

  const reloadData = useCallback(() => {
    setDataVersion((v) => v + 1);
    setSummaryKey((k) => k + 1);
  }, []);
  const { setRank, setComment, bulkComment, applyPaste, undo } = useRankActions({
    data,
    query,
    roundId,
    selection,
    selectedRow,
    detail,
    setDetail,
    setSummary,
    setSummaryKey,
    reloadData,
    select,
    setStatus,
    setError: (text: string | null) => setError(text === null ? null : { view: viewRef.current, text }),
    onError,
  });

  const onSelect = useCallback(
    (index: number, how: SelectHow) => {
      setSelectedIndex(index);
      setSelection((s) => (how === 'single' ? single(index) : how === 'toggle' ? toggle(s, index) : extendTo(s, index, how === 'extend-keep')));
    },
    [],
  );
  const total = data.total ?? 0;
  const onSelectAll = useCallback(() => setSelection(selectAll(total)), [total]);
  const marks = useMemo(() => (text.length >= 1 ? searchPattern(text) : null), [text]);

  // A file dropped anywhere on the window opens the import dialog with it.
  useFileDrop(
    useCallback((file: File) => {
      setDroppedFile(file);
      setImportOpen(true);
    }, []),
  );

  const comparison = useComparison({ selectedRow, detail, selectedIndex, total: data.total, select, say: setStatus });

  const onCharKey = useCallback(
    (key: string) => {
      if (!round) return false;
      const rank = rankForKey(round.ranks, key);
      if (rank === undefined && key.toLowerCase() === 'd' && selectedRow) {
        comparison.openFromGrid();
        return true;
      }
      if (rank === undefined) return false;
      setRank(rank);
      return true;
    },
    [round, selectedRow, setRank, comparison],
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
      <AppHeader
        view={view}
        onView={openView}
        actor={info?.actor ?? null}
        dbFile={info?.dbFile}
        sync={sync.view}
        hasRounds={rounds.length > 0}
        hasSettings={settings !== null}
        onOpen={(d) => ({ import: setImportOpen, export: setExportOpen, publish: setPublishOpen, settings: setSettingsOpen })[d](true)}
        onError={onError}
        focusGrid={focusGrid}
      />
      {error?.view === view && (
        <div role="alert" className="error">
          {error.text}
          <button type="button" aria-label="エラーを閉じる" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      {view !== 'grid' && (
        <main id="main" className="screen" tabIndex={-1} aria-labelledby={`tab-${view}`}>
      {view === 'versionup' && <VersionupStatusView key={rulesVersion} onOpen={comparison.openFromList} onError={onError} />}
      {view === 'rules' && (
        <RulesView
          onError={onError}
          onSaved={() => {
            setRulesVersion((v) => v + 1);
            setError(null); // the rules that failed are saved now: the message is no longer true
          }}
          onGuard={onGuard}
        />
      )}
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
            openView('grid');
          }}
          onError={onError}
        />
      )}
      {view === 'movers' && <MoversView rounds={rounds} organizations={organizations} onOpen={(issueId, ids, roundId) => setViewing({ ids, roundId, index: Math.max(0, ids.indexOf(issueId)) })} />}
      {view === 'charts' && (
        <Suspense fallback={<p className="notice">グラフを準備しています…</p>}>
        <ChartsView
          rounds={rounds}
          round={round}
          organizations={organizations}
          filter={filter}
          filters={filters}
          onShow={(patch, id) => {
            setRoundId(id);
            setFilters((f) => ({ ...f, ...patch }));
            openView('grid');
          }}
          onError={onError}
        />
        </Suspense>
      )}
      {view === 'audit' && <AuditView rounds={rounds} onError={onError} onChanged={reloadRounds} />}
        </main>
      )}
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
      {info && rounds.length === 0 && (
        <p className="notice" role="status">
          評価回がまだありません。サンプルを使うには xpw init --sample で作成したデータベースを開いてください。
        </p>
      )}
      <RankingWorkspace
        hidden={view !== 'grid'}
        data={data}
        round={round}
        detail={detail}
        active={selectedIndex}
        selection={selection}
        onSelect={onSelect}
        onSelectAll={onSelectAll}
        sorting={sorting}
        onSortingChange={setSorting}
        prefs={prefs}
        onPrefsChange={changePrefs}
        marks={marks}
        onRank={setRank}
        onComment={setComment}
        onBulkComment={bulkComment}
        onPasteApply={applyPaste}
        onCharKey={onCharKey}
        onCompare={() => comparison.openFromGrid()}
        onStatus={setStatus}
        onError={onError}
        gridRef={gridRef}
        commentRef={commentRef}
        columnsOpen={columnsOpen}
        onColumnsOpen={setColumnsOpen}
      />
      <footer className="statusbar">
        <span className="status-text" aria-live="polite">
          {status || `↑↓で移動、${round ? rankKeysHint(round.ranks) : '1/2/3'}でランク、Enterで所見、Dで版の比較、Ctrl+Zで元に戻す、Shift・Ctrl+クリックで複数選択、右クリックでメニュー`}
        </span>
        {view === 'grid' && count(selection) > 1 && (
          <span className="selection-count" role="status">
            {count(selection).toLocaleString('ja-JP')} 件を選択中 — ランクのキーで全件に設定、Enterで所見、Ctrl+C / Ctrl+V
          </span>
        )}
        {view === 'grid' && (
          <button type="button" className="columns-button" onClick={() => setColumnsOpen(true)} title="列の表示・順序・幅・折り返し">
            列の設定…
          </button>
        )}
      </footer>
      {comparison.issueId !== null && (
        <ComparisonView
          issueId={comparison.issueId}
          nav={comparison.nav}
          onError={onError}
          onClose={() => {
            comparison.close();
            focusGrid();
          }}
        />
      )}
      {viewing && (
        <IssueDialog
          issueId={viewing.ids[viewing.index]!}
          roundId={viewing.roundId}
          position={`${viewing.index + 1} / ${viewing.ids.length} 件目`}
          onPrev={viewing.index > 0 ? () => setViewing({ ...viewing, index: viewing.index - 1 }) : null}
          onNext={viewing.index < viewing.ids.length - 1 ? () => setViewing({ ...viewing, index: viewing.index + 1 }) : null}
          onCompare={(id) => comparison.openFromList(id, [id])}
          onClose={() => setViewing(null)}
        />
      )}
      {leaving && leaveGuard.current && (
        <LeaveDialog
          guard={leaveGuard.current}
          target={VIEWS.find(([id]) => id === leaving)![1]}
          onStay={() => setLeaving(null)}
          onLeave={() => {
            leaveGuard.current = null;
            setLeaving(null);
            setError(null);
            setStatus('');
            setView(leaving);
          }}
        />
      )}
      {importOpen && (
        <ImportDialog
          key={droppedFile ? `${droppedFile.name}:${droppedFile.lastModified}` : 'chosen'}
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
          initialFile={droppedFile}
          onClose={() => {
            setImportOpen(false);
            setDroppedFile(null);
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
      {publishOpen && <PublishDialog rounds={rounds} roundId={roundId} onError={onError} onClose={() => setPublishOpen(false)} />}
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
