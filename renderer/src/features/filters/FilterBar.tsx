// Filters of the grid: 評価回, 局区, レベル, ランク and free text (Ctrl+F focuses the search box).
import type { Organization, Round } from '../../../../electron/contract/channels';
import { RoundSelect } from '../rounds/RoundSelect';

export interface Filters {
  organizationId: number | null;
  level: 'A' | 'B' | 'C' | null;
  /** A rank value, '' for 未評価, null for all. */
  rank: string | null;
  /** Only ranks carried over from the previous round and not confirmed yet (繰越). */
  carried: boolean;
  text: string;
}

export const NO_FILTERS: Filters = { organizationId: null, level: null, rank: null, carried: false, text: '' };

/** The rank list's entry for 繰越; shares the list with rank values, so it is spelt as no scale would spell a rank. */
const CARRIED = '~carried';

export interface FilterBarProps {
  rounds: Round[];
  round: Round | null;
  onRound(id: number): void;
  organizations: Organization[];
  filters: Filters;
  onChange(next: Filters): void;
  searchRef: React.RefObject<HTMLInputElement | null>;
  shown: number | null;
}

export function FilterBar({ rounds, round, onRound, organizations, filters, onChange, searchRef, shown }: FilterBarProps) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <form className="filters" role="search" aria-label="絞り込み" onSubmit={(e) => e.preventDefault()}>
      <label>
        評価回
        <RoundSelect rounds={rounds} value={round?.id} onChange={onRound} />
      </label>
      <label>
        局区
        <select
          value={filters.organizationId ?? ''}
          onChange={(e) => set({ organizationId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">すべて</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.shortName} ({o.fullName})
            </option>
          ))}
        </select>
      </label>
      <label>
        レベル
        <select value={filters.level ?? ''} onChange={(e) => set({ level: (e.target.value || null) as Filters['level'] })}>
          <option value="">すべて</option>
          <option value="A">A</option>
          <option value="B">B</option>
          <option value="C">C</option>
        </select>
      </label>
      <label>
        ランク
        <select
          value={filters.carried ? CARRIED : filters.rank === null ? '*' : filters.rank}
          onChange={(e) =>
            set(e.target.value === CARRIED ? { rank: null, carried: true } : { rank: e.target.value === '*' ? null : e.target.value, carried: false })
          }
        >
          <option value="*">すべて</option>
          {round?.ranks.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
          <option value="">未評価</option>
          <option value={CARRIED}>繰越 (未確認)</option>
        </select>
      </label>
      <label className="search">
        検索
        <input
          ref={searchRef}
          type="search"
          value={filters.text}
          placeholder="課題名・本文 (2文字から) Ctrl+F"
          onChange={(e) => set({ text: e.target.value })}
        />
      </label>
      <button type="button" onClick={() => onChange(NO_FILTERS)}>
        条件をクリア
      </button>
      <output className="count" aria-live="polite">
        {shown === null ? '' : `${shown.toLocaleString('ja-JP')} 件`}
      </output>
    </form>
  );
}
