// The main screen: filters and summary on top, the ranking grid on the left, the selected
// issue on the right; the other screens behind the top tabs. Every edit is saved at once
// through the contract.
import type { SortingState } from '@tanstack/react-table';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { NO_FILTERS, type Filters } from '../features/filters/FilterBar';
import { SORT_COLUMN } from '../features/grid/columns';
import { count } from '../features/grid/selection';
import { useGridPrefs } from '../features/grid/grid-prefs';
import { useFileDrop } from '../features/import/useFileDrop';
import { searchPattern } from '../lib/highlight';
import { useIssueWindow, type IssueListQuery } from '../features/grid/useIssueWindow';
import { useTeamSync } from '../features/sync/useSyncView';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { JoinOffer } from '../features/sync/JoinShareDialog';
import { useRankActions } from '../features/workspace/useRankActions';
import { ComparisonView } from '../features/compare/ComparisonView';
import { ExportDialog } from '../features/export/ExportDialog';
import { PublishDialog } from '../features/publish/PublishDialog';
import { ImportDialog } from '../features/import/ImportDialog';
import { IssueDialog } from '../features/issue-view/IssueDialog';
import { usePreviousSummary } from '../features/summary/usePreviousSummary';

import { LeaveDialog } from './LeaveDialog';
import { rankForKey } from './rank-keys';
import { AppHeader, tabId, VIEWS, type View } from './AppHeader';
import { GridScreen } from './GridScreen';
import { Screens } from './Screens';
import { StatusBar } from './StatusBar';
import { useAppData } from './useAppData';
import { useComparison } from './useComparison';
import { useDebounced } from './useDebounced';
import { useGridCursor } from './useGridCursor';
import { useIssueDetail, useSummary } from './useIssueData';
import { useScreens } from './useScreens';
import { useShortcuts } from './useShortcuts';

const message = (e: unknown): string => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

export function App() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [droppedFile, setDroppedFile] = useState<File | null>(null);
  const [columnsOpen, setColumnsOpen] = useState(false);
  // A message belongs to the screen it arose on: shown there only, gone when the screen is left.
  const [error, setError] = useState<{ view: View; text: string } | null>(null);
  const [status, setStatus] = useState('');
  const [publishOpen, setPublishOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [summaryKey, setSummaryKey] = useState(0);
  const screens = useScreens(
    useCallback(() => {
      setError(null);
      setStatus('');
    }, []),
  );
  const { view, viewRef, openView } = screens;
  /** An issue opened from a list (ランク変動), with the list to step through. */
  const [viewing, setViewing] = useState<{ ids: number[]; roundId: number; index: number } | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [dataVersion, setDataVersion] = useState(0);
  const gridRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const onError = useCallback((e: unknown) => setError({ view: viewRef.current, text: message(e) }), [viewRef]);
  const reloadData = useCallback(() => {
    setDataVersion((v) => v + 1);
    setSummaryKey((k) => k + 1);
  }, []);
  const app = useAppData(onError, reloadData);
  const { info, rounds, organizations, settings, roundId, setRoundId, round, reloadRounds } = app;
  const [prefs, changePrefs] = useGridPrefs(info?.actor ?? null);
  const text = useDebounced(filters.text.trim(), 100);

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

  const { selectedIndex, selection, selectedRow, select, onSelect, onSelectAll } = useGridCursor(filter, query, data, onError);

  const [summary, setSummary] = useSummary(filter, summaryKey, onError);
  const previousSummary = usePreviousSummary(filter, onError);

  // Team sync: the header's status, 要確認 in the grid, others' changes shown without a reload.
  const sync = useTeamSync(reloadRounds);

  const [detail, setDetail] = useIssueDetail(selectedRow?.id ?? null, roundId, data.total, dataVersion, onError);

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
      <main id="main" className="screen" tabIndex={-1} aria-labelledby={tabId(view)}>
        <Screens
          view={view}
          rounds={rounds}
          round={round}
          organizations={organizations}
          settings={settings}
          filter={filter}
          filters={filters}
          onError={onError}
          clearError={() => setError(null)}
          onGuard={screens.onGuard}
          onDataChanged={reloadData}
          onRoundsChanged={reloadRounds}
          showInGrid={(id, patch) => {
            setRoundId(id);
            if (patch) setFilters((f) => ({ ...f, ...patch }));
            openView('grid');
          }}
          openIssue={(issueId, ids, roundId) => setViewing({ ids, roundId, index: Math.max(0, ids.indexOf(issueId)) })}
          compareFromList={comparison.openFromList}
        />
        <GridScreen
          shown={view === 'grid'}
          noRounds={info !== null && rounds.length === 0}
          round={round}
          filterBar={{ rounds, onRound: setRoundId, organizations, filters, onChange: setFilters, searchRef, shown: data.total }}
          summary={summary}
          previous={previousSummary}
          filter={filter}
          onCarriedConfirmed={(m) => {
            setStatus(m);
            reloadRounds();
          }}
          onError={onError}
          workspace={{
            data,
            detail,
            active: selectedIndex,
            selection,
            onSelect,
            onSelectAll,
            sorting,
            onSortingChange: setSorting,
            prefs,
            onPrefsChange: changePrefs,
            marks,
            onRank: setRank,
            onComment: setComment,
            onBulkComment: bulkComment,
            onPasteApply: applyPaste,
            onCharKey,
            onCompare: () => comparison.openFromGrid(),
            onStatus: setStatus,
            gridRef,
            commentRef,
            columnsOpen,
            onColumnsOpen: setColumnsOpen,
          }}
        />
      </main>
      <StatusBar status={status} round={round} onGrid={view === 'grid'} selected={count(selection)} onColumns={() => setColumnsOpen(true)} />
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
      {screens.leaving && screens.guard && (
        <LeaveDialog guard={screens.guard} target={VIEWS.find(([id]) => id === screens.leaving)![1]} onStay={screens.stay} onLeave={screens.leave} />
      )}
      {importOpen && (
        <ImportDialog
          key={droppedFile ? `${droppedFile.name}:${droppedFile.lastModified}` : 'chosen'}
          rounds={rounds}
          organizations={organizations}
          roundId={roundId}
          onImported={() => {
            // Imports add issues and organizations and change ranks: reload what the grid shows.
            reloadData();
            app.reloadOrganizations();
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
            app.settingsSaved(s);
            setSettingsOpen(false);
          }}
        />
      )}
      <JoinOffer />
    </div>
  );
}
