// Creating or editing a round: label, title, as-of month, meeting date, scale and — for a new
// round — whether to start blank or carry the previous round's ranks over (繰越).
import { useState } from 'react';
import { formatWarekiPeriod } from '../../../../common/wareki';
import type { Round, ScaleInfo } from '../../../../electron/contract/channels';
import { suggestLabel, suggestTitle, type RoundDraft } from './round-draft';
import { RoundSelect } from './RoundSelect';

export interface RoundFormProps {
  mode: 'create' | 'edit';
  initial: RoundDraft;
  rounds: Round[];
  scales: ScaleInfo[];
  busy: boolean;
  onSubmit(draft: RoundDraft): void;
  onCancel(): void;
}

export function RoundForm({ mode, initial, rounds, scales, busy, onSubmit, onCancel }: RoundFormProps) {
  const [d, setD] = useState(initial);
  // Label and title follow the as-of month until the user types their own.
  const [auto, setAuto] = useState(mode === 'create');
  const set = (patch: Partial<RoundDraft>) => setD((x) => ({ ...x, ...patch }));
  const setAsOf = (asOf: string) => set(auto ? { asOf, label: suggestLabel(asOf), title: suggestTitle(asOf) } : { asOf });
  const source = rounds.find((r) => r.id === d.carryFromRoundId);
  const heading = mode === 'create' ? '新しい評価回' : `評価回 ${initial.label} の変更`;

  return (
    <form
      className="round-form"
      aria-label={heading}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(d);
      }}
    >
      <h3>{heading}</h3>
      <div className="row">
        <label>
          時点
          <input type={d.asOf.length > 7 ? 'date' : 'month'} value={d.asOf} required onChange={(e) => setAsOf(e.target.value)} />
          <span className="muted small">{d.asOf && formatWarekiPeriod(d.asOf)}</span>
        </label>
        <label>
          ラベル
          <input value={d.label} required maxLength={40} placeholder="R7.5" onChange={(e) => (setAuto(false), set({ label: e.target.value }))} />
        </label>
        <label className="wide">
          名称
          <input value={d.title} required maxLength={100} placeholder="令和7年5月時点" onChange={(e) => (setAuto(false), set({ title: e.target.value }))} />
        </label>
        <label>
          X会議の日付 (任意)
          <input type="date" value={d.meetingDate} onChange={(e) => set({ meetingDate: e.target.value })} />
          <span className="muted small">{d.meetingDate && formatWarekiPeriod(d.meetingDate)}</span>
        </label>
        <label>
          ランク基準
          <select value={d.scaleId ?? ''} required onChange={(e) => set({ scaleId: Number(e.target.value) })}>
            {scales.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.ranks.map((r) => r.value).join('/')})
              </option>
            ))}
          </select>
        </label>
      </div>
      {mode === 'create' && (
        <fieldset className="start">
          <legend>始め方</legend>
          <label className="choice">
            <input type="radio" name="start" checked={d.carryFromRoundId === null} onChange={() => set({ carryFromRoundId: null })} /> 空で始める
          </label>
          <label className="choice">
            <input
              type="radio"
              name="start"
              checked={d.carryFromRoundId !== null}
              disabled={rounds.length === 0}
              onChange={() => set({ carryFromRoundId: rounds[0]?.id ?? null })}
            />{' '}
            前の評価回のランクを繰り越す
          </label>
          {d.carryFromRoundId !== null && (
            <label className="choice">
              繰越元
              <RoundSelect aria-label="繰越元" rounds={rounds} value={d.carryFromRoundId} onChange={(id) => set({ carryFromRoundId: id })} />
            </label>
          )}
          {source && (
            <p className="muted small">
              {source.label} のランクをすべて写し、「繰越」として表示します。ランクを付け直すか同じランクを押すと確定します (一括確定もできます)。所見は写しません。
            </p>
          )}
        </fieldset>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '処理しています…' : mode === 'create' ? '作成' : '保存'}
        </button>
        <button type="button" onClick={onCancel}>
          キャンセル
        </button>
      </div>
    </form>
  );
}
