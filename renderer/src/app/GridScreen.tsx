// The ランク付け tab's panel: the filters, the summary (with 増減), the 繰越 bar and the ranking
// workspace. The workspace stays mounted on other tabs (hidden) so the grid keeps its place.
import type { Round, SummaryLine } from '../../../electron/contract/channels';
import { FilterBar, type FilterBarProps } from '../features/filters/FilterBar';
import { CarriedBar, type CarriedBarProps } from '../features/rounds/CarriedBar';
import { SummaryBar } from '../features/summary/SummaryBar';
import type { PreviousSummary } from '../features/summary/usePreviousSummary';
import { RankingWorkspace, type RankingWorkspaceProps } from '../features/workspace/RankingWorkspace';
import { panelId, tabId } from './AppHeader';

export interface GridScreenProps {
  shown: boolean;
  /** Nothing to rank yet: no round in the database. */
  noRounds: boolean;
  round: Round | null;
  filterBar: Omit<FilterBarProps, 'round'>;
  summary: SummaryLine[] | null;
  previous: PreviousSummary | null;
  /** The filter the 繰越 bar confirms (the grid's). */
  filter: CarriedBarProps['filter'];
  onCarriedConfirmed(message: string): void;
  onError(e: unknown): void;
  workspace: Omit<RankingWorkspaceProps, 'hidden' | 'round' | 'onError'>;
}

export function GridScreen(p: GridScreenProps) {
  return (
    <div role="tabpanel" id={panelId('grid')} aria-labelledby={tabId('grid')} className="tab-panel" hidden={!p.shown}>
      {p.shown && <FilterBar {...p.filterBar} round={p.round} />}
      {p.shown && <SummaryBar lines={p.summary} round={p.round} previous={p.previous} />}
      {p.shown && (
        <CarriedBar round={p.round} carried={p.summary?.reduce((s, l) => s + l.carried, 0) ?? 0} filter={p.filter} onError={p.onError} onConfirmed={p.onCarriedConfirmed} />
      )}
      {p.noRounds && (
        <p className="notice" role="status">
          評価回がまだありません。サンプルを使うには xpw init --sample で作成したデータベースを開いてください。
        </p>
      )}
      <RankingWorkspace {...p.workspace} hidden={!p.shown} round={p.round} onError={p.onError} />
    </div>
  );
}
