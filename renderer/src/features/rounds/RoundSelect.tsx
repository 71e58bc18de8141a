// The round picker used wherever a screen or dialog asks for one 評価回: 「R6.11 令和6年11月評価」
// per round, the value its id. A caller that needs an empty choice or disabled rounds builds its own.
import type { Round } from '../../../../electron/contract/channels';

export interface RoundSelectProps {
  rounds: readonly Round[];
  /** The chosen round's id; null/undefined shows none chosen (the browser shows the first). */
  value: number | null | undefined;
  onChange(roundId: number): void;
  /** Said after a locked round's name (e.g. 「 (ロック済)」); nothing when not given. */
  lockedNote?: string;
  'aria-label'?: string;
}

export function RoundSelect({ rounds, value, onChange, lockedNote, 'aria-label': ariaLabel }: RoundSelectProps) {
  return (
    <select aria-label={ariaLabel} value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
      {rounds.map((r) => (
        <option key={r.id} value={r.id}>
          {r.label} {r.title}
          {lockedNote && r.lockedAt ? lockedNote : ''}
        </option>
      ))}
    </select>
  );
}
