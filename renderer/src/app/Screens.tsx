// The screens other than ランク付け, one per top tab, each in its tab's panel (the app puts them
// in the page's main landmark). The panels of the tabs not shown are rendered empty and hidden, so every tab's
// aria-controls names an element that exists (the ARIA tab pattern).
import { lazy, Suspense, useState } from 'react';
import type { Organization, Round, Settings } from '../../../electron/contract/channels';
import type { Filters } from '../features/filters/FilterBar';
import type { ChartsViewProps } from '../features/charts/ChartsView';
import { AuditView } from '../features/audit/AuditView';
import { BackupsView } from '../features/backups/BackupsView';
import { InquiryView } from '../features/inquiry/InquiryView';
import { MoversView } from '../features/movers/MoversView';
import { RoundsView } from '../features/rounds/RoundsView';
import { RulesView } from '../features/rules/RulesView';
import { VersionupStatusView } from '../features/versionup/VersionupStatusView';
import type { LeaveGuard } from './LeaveDialog';
import { panelId, tabId, VIEWS, type View } from './AppHeader';

// Chart.js is loaded when the グラフ tab is first opened, not with the grid people start in.
// Chart.js is not loaded with the grid people start in: it is fetched when the browser is first
// idle (after the first rows), so the グラフ tab opens without waiting for it.
const loadCharts = () => import('../features/charts/ChartsView');
const ChartsView = lazy(() => loadCharts().then((m) => ({ default: m.ChartsView })));
window.requestIdleCallback?.(() => void loadCharts(), { timeout: 10_000 });


export interface ScreensProps {
  view: View;
  rounds: Round[];
  round: Round | null;
  organizations: Organization[];
  settings: Settings | null;
  /** The grid's filter (charts show the same set). */
  filter: ChartsViewProps['filter'];
  filters: Filters;
  onError(e: unknown): void;
  /** The message on this screen is no longer true (what failed has now worked). */
  clearError(): void;
  onGuard(guard: LeaveGuard | null): void;
  /** Ranks, 所見 or versions changed (collected returns): the grid and its summary reload. */
  onDataChanged(): void;
  onRoundsChanged(): void;
  /** Opens the grid on a round, with a change of its filters. */
  showInGrid(roundId: number, patch?: Partial<Filters>): void;
  /** An issue opened from a list, with the list to step through. */
  openIssue(issueId: number, ids: number[], roundId: number): void;
  compareFromList(issueId: number, ids: number[]): void;
}

export function Screens(p: ScreensProps) {
  // A saved set of rules re-reads the version-up screen (its findings follow the rules).
  const [rulesVersion, setRulesVersion] = useState(0);
  const { view, onError } = p;
  return (
    <>
      {view !== 'grid' && (
        <div role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)} className="tab-panel">
          {view === 'versionup' && <VersionupStatusView key={rulesVersion} onOpen={p.compareFromList} onError={onError} />}
          {view === 'rules' && (
            <RulesView
              onError={onError}
              onSaved={() => {
                setRulesVersion((v) => v + 1);
                p.clearError(); // the rules that failed are saved now: the message is no longer true
              }}
              onGuard={p.onGuard}
            />
          )}
          {/* Keyed by the backup settings: a change in the settings dialog shows at once. */}
          {view === 'backups' && <BackupsView key={JSON.stringify(p.settings?.backups)} onError={onError} />}
          {/* Collected returns are new versions: the grid's titles and the panel may change. */}
          {view === 'inquiry' && <InquiryView onError={onError} onChanged={p.onDataChanged} />}
          {view === 'rounds' && <RoundsView rounds={p.rounds} onRoundsChanged={p.onRoundsChanged} onOpen={(id) => p.showInGrid(id)} onError={onError} />}
          {view === 'movers' && <MoversView rounds={p.rounds} organizations={p.organizations} onOpen={p.openIssue} />}
          {view === 'charts' && (
            <Suspense fallback={<p className="notice">グラフを準備しています…</p>}>
              <ChartsView
                rounds={p.rounds}
                round={p.round}
                organizations={p.organizations}
                filter={p.filter}
                filters={p.filters}
                onShow={(patch, id) => p.showInGrid(id, patch)}
                onError={onError}
              />
            </Suspense>
          )}
          {view === 'audit' && <AuditView rounds={p.rounds} onError={onError} onChanged={p.onRoundsChanged} />}
        </div>
      )}
      {VIEWS.filter(([id]) => id !== view && id !== 'grid').map(([id]) => (
        <div key={id} role="tabpanel" id={panelId(id)} aria-labelledby={tabId(id)} hidden />
      ))}
    </>
  );
}
