// The ranking screen's working area: the grid and the reading pane side by side with a
// draggable border, the column settings, the right-click menu, and the dialogs of the bulk
// actions (paste confirmation, one 所見 for many rows).
import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { IssueDetail, Round } from '../../../../electron/contract/channels';
import { IssueGrid, type IssueGridProps } from '../grid/IssueGrid';
import { ColumnSettings } from '../grid/ColumnSettings';
import { autoPaneWidth, DEFAULT_PREFS } from '../grid/grid-prefs';
import { count } from '../grid/selection';
import { IssuePanel } from '../issue-panel/IssuePanel';
import { BulkCommentDialog } from './BulkCommentDialog';
import { ContextMenu, type MenuItem } from './ContextMenu';
import { PasteDialog } from './PasteDialog';
import { Splitter } from './Splitter';
import { useGridClipboard } from './useGridClipboard';

/** What it hands straight to the grid, as the grid declares it. */
type GridPassThrough = 'data' | 'active' | 'selection' | 'onSelect' | 'onSelectAll' | 'sorting' | 'onSortingChange' | 'prefs' | 'onPrefsChange' | 'marks' | 'onCharKey';

export interface RankingWorkspaceProps extends Pick<IssueGridProps, GridPassThrough> {
  hidden: boolean;
  round: Round | null;
  detail: IssueDetail | null;
  /** A rank (or null: 未評価) for the selected rows: one row, or all of them as one change. */
  onRank(rank: string | null): void;
  onComment(comment: string): void;
  /** One 所見 for every selected row (one change). */
  onBulkComment(comment: string): void;
  /** The confirmed paste: values per issue, one change. */
  onPasteApply(field: 'rank' | 'comment', items: { issueId: number; value: string | null }[]): void;
  onCompare(issueId: number): void;
  onStatus(message: string): void;
  onError(e: unknown): void;
  gridRef: RefObject<HTMLDivElement | null>;
  commentRef: RefObject<HTMLTextAreaElement | null>;
  /** 列の設定 (opened from the status bar or the menu). */
  columnsOpen: boolean;
  onColumnsOpen(open: boolean): void;
}

export function RankingWorkspace(props: RankingWorkspaceProps) {
  const { data, round, detail, active, selection, prefs, onPrefsChange, gridRef, commentRef } = props;
  const [activeColumn, setActiveColumn] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const { columnsOpen, onColumnsOpen: setColumnsOpen } = props;
  const [bulkComment, setBulkComment] = useState(false);
  const [windowWidth, setWindowWidth] = useState(() => window.innerWidth);
  const maxPane = Math.max(360, windowWidth - 360);
  useEffect(() => {
    const onResize = () => setWindowWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const clip = useGridClipboard({ data, selection, activeColumn, prefs, round, onStatus: props.onStatus, onError: props.onError });
  const focusGrid = useCallback(() => gridRef.current?.querySelector<HTMLElement>('[role=grid]')?.focus(), [gridRef]);
  const many = count(selection) > 1;
  const locked = round?.lockedAt != null;
  const paneWidth = Math.min(prefs.paneWidth || autoPaneWidth(windowWidth), maxPane);

  const onEnter = useCallback(() => {
    if (many) setBulkComment(true);
    else commentRef.current?.focus();
  }, [many, commentRef]);
  const onContextMenu = useCallback((x: number, y: number) => setMenu({ x, y }), []);

  const menuItems = (): (MenuItem | 'separator')[] => [
    { label: `コピー (${count(selection).toLocaleString('ja-JP')} 行)`, keys: 'Ctrl+C', run: () => void clip.copyAsync() },
    { label: '貼り付け…', keys: 'Ctrl+V', disabled: locked, run: () => void clip.pasteFromMenu() },
    'separator',
    ...(round?.ranks ?? []).map((r) => ({
      label: `${many ? `選択した ${count(selection)} 件を` : ''}${r.label}にする`,
      disabled: locked,
      run: () => props.onRank(r.value),
    })),
    { label: '未評価に戻す', keys: 'Delete', disabled: locked, run: () => props.onRank(null) },
    { label: many ? `選択した ${count(selection)} 件に所見を入力…` : '所見を入力', keys: 'Enter', disabled: locked, run: onEnter },
    { label: '版を比較', keys: 'D', disabled: many || !detail || detail.versions.length < 2, run: () => detail && props.onCompare(detail.id) },
    'separator',
    { label: 'すべて選択', keys: 'Ctrl+A', run: props.onSelectAll },
    { label: '列の設定…', run: () => setColumnsOpen(true) },
  ];

  return (
    <div className="workspace" hidden={props.hidden} style={{ gridTemplateColumns: `minmax(0, 1fr) 6px ${paneWidth}px` }}>
      <div className="grid-wrap" ref={gridRef}>
        <IssueGrid
          data={data}
          active={active}
          selection={selection}
          onSelect={props.onSelect}
          onSelectAll={props.onSelectAll}
          sorting={props.sorting}
          onSortingChange={props.onSortingChange}
          prefs={prefs}
          onPrefsChange={onPrefsChange}
          activeColumn={activeColumn}
          onActiveColumn={setActiveColumn}
          marks={props.marks}
          onCharKey={props.onCharKey}
          onEnter={onEnter}
          onContextMenu={onContextMenu}
          onCopy={clip.onCopy}
          onPaste={clip.onPaste}
        />
      </div>
      <Splitter paneWidth={paneWidth} max={maxPane} onChange={(w) => onPrefsChange({ ...prefs, paneWidth: w })} onReset={() => onPrefsChange({ ...prefs, paneWidth: DEFAULT_PREFS.paneWidth })} />
      <IssuePanel
        issue={detail}
        round={round}
        onRank={props.onRank}
        onComment={props.onComment}
        onDone={focusGrid}
        onCompare={() => detail && props.onCompare(detail.id)}
        commentRef={commentRef}
        marks={props.marks}
        width={paneWidth}
      />
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          label="課題の操作"
          items={menuItems()}
          onClose={() => {
            setMenu(null);
            focusGrid();
          }}
        />
      )}
      {columnsOpen && (
        <ColumnSettings
          prefs={prefs}
          onChange={onPrefsChange}
          onClose={() => {
            setColumnsOpen(false);
            focusGrid();
          }}
        />
      )}
      {bulkComment && (
        <BulkCommentDialog
          count={count(selection)}
          onApply={props.onBulkComment}
          onClose={() => {
            setBulkComment(false);
            focusGrid();
          }}
        />
      )}
      {clip.paste && (
        <PasteDialog
          plan={clip.paste.plan}
          onField={clip.switchField}
          onApply={() => {
            const p = clip.paste!.plan;
            props.onPasteApply(
              p.field,
              p.changes.map((c) => ({ issueId: c.issueId, value: c.after })),
            );
            clip.closePaste();
            focusGrid();
          }}
          onClose={() => {
            clip.closePaste();
            focusGrid();
          }}
        />
      )}
    </div>
  );
}
