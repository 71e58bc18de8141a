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
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { SummaryBar } from '../features/summary/SummaryBar';
import { useUndo } from '../features/undo/useUndo';
import { ComparisonView } from '../features/compare/ComparisonView';
import { RulesView } from '../features/rules/RulesView';
import { VersionupStatusView } from '../features/versionup/VersionupStatusView';
import { ExportDialog } from '../features/export/ExportDialog';

type View = 'grid' | 'versionup' | 'rules';
const VIEWS: [View, string][] = [
  ['grid', 'ランク付け'],
  ['versionup', 'バージョンアップ状況'],
  ['rules', '記載ルール'],
];
import { rankForKey } from './rank-keys';
import { moveRank } from './summary-math';
import { useDebounced } from './useDebounced';

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
      ...(text && { text }),
    };
  }, [roundId, filters.organizationId, filters.level, filters.rank, text]);

  const query = useMemo<IssueListQuery | null>(
    () => filter && { ...filter, sort: sorting.map((s) => ({ column: SORT_COLUMN[s.id] ?? 'org', desc: s.desc })) },
    [filter, sorting],
  );
  const data = useIssueWindow(query, 0, onError);

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
        if (before.rank !== row.rank) setSummary(moveRank(summary, row.level, before.rank, row.rank));
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

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const inText = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.ctrlKey && (e.key === 'p' || e.key === 'P')) {
        // Ctrl+P: the handouts come from the export dialog, not from printing the screen.
        e.preventDefault();
        setExportOpen(true);
      } else if (e.ctrlKey && (e.key === 'f' || e.key === 'F')) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (!inText && e.ctrlKey && !e.shiftKey && (e.key === 'z' || e.key === 'Z')) {
        e.preventDefault();
        void undo.undo();
      } else if (!inText && e.ctrlKey && (e.key === 'y' || e.key === 'Y' || (e.shiftKey && (e.key === 'z' || e.key === 'Z')))) {
        e.preventDefault();
        void undo.redo();
      } else if (e.key === 'Escape' && e.target === searchRef.current) {
        gridRef.current?.querySelector<HTMLElement>('[role=grid]')?.focus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

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
        <button type="button" onClick={() => setExportOpen(true)} disabled={rounds.length === 0} title="Ctrl+P">
          資料の出力…
        </button>
        <button type="button" onClick={() => setSettingsOpen(true)} disabled={!settings}>
          設定
        </button>
      </header>
      {view === 'versionup' && <VersionupStatusView key={rulesVersion} onOpen={setComparing} onError={onError} />}
      {view === 'rules' && <RulesView onError={onError} onSaved={() => setRulesVersion((v) => v + 1)} />}
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
      {view === 'grid' && <SummaryBar lines={summary} round={round} />}
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
        {status || '↑↓で移動、1/2/3でランク、Enterで所見、Dで版の比較、Ctrl+Zで元に戻す'}
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
          onSave={(displayName) => {
            invoke('settings.set', { displayName })
              .then((s) => {
                setSettings(s);
                setSettingsOpen(false);
                return invoke('app.info', {}).then(setInfo);
              })
              .catch(onError);
          }}
        />
      )}
    </div>
  );
}
