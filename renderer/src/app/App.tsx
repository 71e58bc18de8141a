// The main screen: filters and summary on top, the ranking grid on the left, the selected
// issue on the right. Every edit is saved at once through the contract.
import type { SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo, BulkResult, ChangeResult, IssueDetail, IssueRow, Organization, Round, Settings, SummaryLine } from '../../../electron/contract/channels';
import { ApiError, invoke } from '../api/client';
import { FilterBar, NO_FILTERS, type Filters } from '../features/filters/FilterBar';
import { SORT_COLUMN } from '../features/grid/columns';
import type { SelectHow } from '../features/grid/IssueGrid';
import { all as selectAll, count, extendTo, single, toggle, type Selection } from '../features/grid/selection';
import { DEFAULT_PREFS, loadPrefs, savePrefs, type GridPrefs } from '../features/grid/grid-prefs';
import { RankingWorkspace } from '../features/workspace/RankingWorkspace';
import { searchPattern } from '../lib/highlight';
import { useIssueWindow, type IssueListQuery } from '../features/grid/useIssueWindow';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { BackupsView } from '../features/backups/BackupsView';
import { SummaryBar } from '../features/summary/SummaryBar';
import { describeUndo, useUndo, type UndoOutcome } from '../features/undo/useUndo';
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
  const [selection, setSelection] = useState<Selection>(() => single(0));
  const [prefs, setPrefs] = useState<GridPrefs>(DEFAULT_PREFS);
  const [droppedFile, setDroppedFile] = useState<File | null>(null);
  const [columnsOpen, setColumnsOpen] = useState(false);
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
  const actor = info?.actor ?? null;
  useEffect(() => {
    if (actor) setPrefs(loadPrefs(actor));
  }, [actor]);
  const changePrefs = useCallback(
    (next: GridPrefs) => {
      setPrefs(next);
      if (actor) savePrefs(actor, next);
    },
    [actor],
  );
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
  const reloadData = useCallback(() => {
    setDataVersion((v) => v + 1);
    setSummaryKey((k) => k + 1);
  }, []);

  /** After an undo or redo: say what changed and bring that issue into view. */
  const undone = useCallback(
    (row: IssueRow | null, outcome: UndoOutcome) => {
      if (row) applyRow(row);
      else reloadData();
      const text = describeUndo(outcome);
      setStatus(text);
      setError(null);
      if (!query) return;
      invoke('issues.position', { ...query, issueId: outcome.entry.issueId })
        .then(({ index }) => {
          if (index >= 0) select(index);
          else setStatus(`${text} (今の絞り込みでは表示されていません)`);
        })
        .catch(onError);
    },
    [applyRow, reloadData, query, select, onError],
  );
  const undo = useUndo(undone, setStatus, onError);

  /** Applies a saved change to the grid, panel and summary, and makes it undoable. */
  const saved = useCallback(
    (change: Promise<ChangeResult>, field: 'rank' | 'comment', before: string | null, describe: (key: string) => string) => {
      change
        .then((res) => {
          applyRow(res.row);
          const after = field === 'rank' ? res.row.rank : res.row.comment;
          undo.record({ auditId: res.auditId, kind: 'one', field, issueId: res.row.id, key: res.row.key, before, after, count: 1 });
          setStatus(describe(res.row.key));
          setError(null);
        })
        .catch(onError);
    },
    [applyRow, undo, onError],
  );

  /** After a bulk change (paste, or the selected rows): one audited change, one Ctrl+Z. */
  const bulkDone = useCallback(
    (field: 'rank' | 'comment', res: BulkResult, first: { id: number; key: string }) => {
      undo.record({ auditId: res.auditId, kind: 'many', field, issueId: first.id, key: first.key, before: null, after: null, count: res.changed });
      reloadData();
      const label = field === 'rank' ? 'ランク' : '所見';
      setStatus(`${res.changed.toLocaleString('ja-JP')} 件の${label}を変更しました${res.unchanged ? ` (${res.unchanged.toLocaleString('ja-JP')} 件は同じ値のため変更なし)` : ''}。Ctrl+Zで元に戻せます`);
      setError(null);
    },
    [undo, reloadData],
  );

  /** A paste: its own value per issue. */
  const applyPaste = useCallback(
    (field: 'rank' | 'comment', items: { issueId: number; value: string | null }[]) => {
      if (roundId === null || items.length === 0) return;
      invoke('evaluations.setMany', { roundId, field, items })
        .then((res) => bulkDone(field, res, selectedRow ? { id: selectedRow.id, key: selectedRow.key } : { id: items[0]!.issueId, key: '' }))
        .catch(onError);
    },
    [roundId, selectedRow, bulkDone, onError],
  );

  /** One value for every selected row: the server resolves the rows from their places in the grid. */
  const applyToSelection = useCallback(
    (field: 'rank' | 'comment', value: string | null) => {
      if (!query || !selectedRow) return;
      invoke('evaluations.setSelected', { query, ranges: selection.ranges.map(([a, b]) => [a, b] as [number, number]), field, value })
        .then((res) => bulkDone(field, res, { id: selectedRow.id, key: selectedRow.key }))
        .catch(onError);
    },
    [query, selection, selectedRow, bulkDone, onError],
  );

  const setRank = useCallback(
    (rank: string | null) => {
      if (!selectedRow || roundId === null) return;
      if (count(selection) > 1) return applyToSelection('rank', rank);
      saved(invoke('evaluations.setRank', { issueId: selectedRow.id, roundId, rank }), 'rank', selectedRow.rank, (key) => `${key} のランクを ${rank ?? '未評価'} にしました`);
    },
    [selectedRow, roundId, saved, selection, applyToSelection],
  );

  const setComment = useCallback(
    (comment: string) => {
      if (!detail || roundId === null) return;
      saved(invoke('evaluations.setComment', { issueId: detail.id, roundId, comment }), 'comment', detail.comment, (key) => `${key} の所見を保存しました`);
    },
    [detail, roundId, saved],
  );

  const bulkComment = useCallback((comment: string) => applyToSelection('comment', comment), [applyToSelection]);

  const onSelect = useCallback(
    (index: number, how: SelectHow) => {
      setSelectedIndex(index);
      setSelection((s) => (how === 'single' ? single(index) : how === 'toggle' ? toggle(s, index) : extendTo(s, index, how === 'extend-keep')));
    },
    [],
  );
  const marks = useMemo(() => (text.length >= 1 ? searchPattern(text) : null), [text]);

  // A file dropped anywhere on the window opens the import dialog with it.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      setDroppedFile(file);
      setImportOpen(true);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

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
      <RankingWorkspace
        hidden={view !== 'grid'}
        data={data}
        round={round}
        detail={detail}
        active={selectedIndex}
        selection={selection}
        onSelect={onSelect}
        onSelectAll={() => setSelection(selectAll(data.total ?? 0))}
        sorting={sorting}
        onSortingChange={setSorting}
        prefs={prefs}
        onPrefsChange={changePrefs}
        marks={marks}
        onRank={setRank}
        onComment={setComment}
        onBulkComment={bulkComment}
        onPasteApply={applyPaste}
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
        onCompare={setComparing}
        onStatus={setStatus}
        onError={onError}
        gridRef={gridRef}
        commentRef={commentRef}
        columnsOpen={columnsOpen}
        onColumnsOpen={setColumnsOpen}
      />
      <footer className="statusbar">
        <span className="status-text" aria-live="polite">
          {status || `↑↓で移動、${round ? rankKeysHint(round.ranks) : '1/2/3'}でランク、Enterで所見、Dで版の比較、Ctrl+Zで元に戻す`}
        </span>
        {view === 'grid' && (
          <button type="button" className="columns-button" onClick={() => setColumnsOpen(true)} title="列の表示・順序・幅・折り返し">
            列の設定…
          </button>
        )}
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
