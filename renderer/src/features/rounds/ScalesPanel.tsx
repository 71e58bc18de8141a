// ランク基準 as data: the scales, which rounds use them, and editing (new from a template, edit,
// duplicate, delete). A scale used by a locked round is shown as such; the server refuses edits.
import { useState } from 'react';
import type { ScaleInfo } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { ScaleEditor, type ScaleDraft } from './ScaleEditor';
import { SCALE_TEMPLATES } from './scale-templates';

export interface ScalesPanelProps {
  scales: ScaleInfo[];
  onChanged(message: string): void;
  onError(e: unknown): void;
}

const draftOf = (s: ScaleInfo, copy: boolean): ScaleDraft => ({
  id: copy ? null : s.id,
  name: copy ? `${s.name} (複製)` : s.name,
  ranks: s.ranks.map((r) => ({ value: r.value, label: r.label, definition: r.definition })),
});

export function ScalesPanel({ scales, onChanged, onError }: ScalesPanelProps) {
  const [editing, setEditing] = useState<ScaleDraft | null>(null);
  const [busy, setBusy] = useState(false);

  const run = (p: Promise<unknown>, message: string) => {
    setBusy(true);
    p.then(() => {
      setEditing(null);
      onChanged(message);
    })
      .catch(onError)
      .finally(() => setBusy(false));
  };
  const save = (d: ScaleDraft) => {
    const body = { name: d.name, ranks: d.ranks };
    run(d.id === null ? invoke('scales.create', body) : invoke('scales.update', { ...body, scaleId: d.id }), `ランク基準「${d.name.trim()}」を保存しました`);
  };

  return (
    <section className="scales" aria-label="ランク基準">
      <h2>ランク基準</h2>
      <ul className="scale-list">
        {scales.map((s) => {
          const locked = s.rounds.some((r) => r.locked);
          return (
            <li key={s.id}>
              <div className="scale-head">
                <strong>{s.name}</strong>
                <span className="muted small">{s.rounds.length ? `使用: ${s.rounds.map((r) => r.label + (r.locked ? ' (ロック中)' : '')).join('・')}` : '未使用'}</span>
              </div>
              <ul className="scale-ranks">
                {s.ranks.map((r) => (
                  <li key={r.value} title={r.definition}>
                    <span className="rank-value">{r.value}</span> {r.label}
                    {r.definition && <span className="muted small"> — {r.definition}</span>}
                  </li>
                ))}
              </ul>
              <div className="buttons">
                <button type="button" disabled={locked} title={locked ? 'ロックされた評価回で使われているため変更できません' : undefined} onClick={() => setEditing(draftOf(s, false))}>
                  編集
                </button>
                <button type="button" onClick={() => setEditing(draftOf(s, true))}>
                  複製
                </button>
                <button type="button" disabled={s.rounds.length > 0} onClick={() => run(invoke('scales.delete', { scaleId: s.id }), `ランク基準「${s.name}」を削除しました`)}>
                  削除
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="buttons">
        <label>
          新しいランク基準{' '}
          <select
            aria-label="ひな形"
            value=""
            onChange={(e) => {
              const t = SCALE_TEMPLATES[Number(e.target.value)];
              if (t) setEditing({ id: null, name: t.name, ranks: t.ranks.map((r) => ({ ...r })) });
            }}
          >
            <option value="">ひな形を選ぶ…</option>
            {SCALE_TEMPLATES.map((t, i) => (
              <option key={t.name} value={i}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {editing && <ScaleEditor key={`${editing.id}-${editing.name}`} initial={editing} busy={busy} onSave={save} onCancel={() => setEditing(null)} />}
    </section>
  );
}
