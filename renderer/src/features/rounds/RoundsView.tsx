// 評価回: the rounds with their counts and state, creating one (blank or carried over), editing,
// locking and unlocking (with a reason), confirming all carried ranks, deleting an empty one;
// beside them the ランク基準 they use.
import { useCallback, useEffect, useState } from 'react';
import { formatWarekiPeriod } from '../../../../common/wareki';
import type { Round, RoundStats, ScaleInfo } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { ConfirmDialog } from './ConfirmDialog';
import { draftOf, newDraft, toFields, type RoundDraft } from './round-draft';
import { RoundForm } from './RoundForm';
import { ScalesPanel } from './ScalesPanel';
import { UnlockDialog } from './UnlockDialog';
import './rounds.css';

export interface RoundsViewProps {
  rounds: Round[];
  /** A round was created, changed or deleted: the app reloads its rounds and the grid. */
  onRoundsChanged(): void;
  /** Opens the round in the ranking screen. */
  onOpen(roundId: number): void;
  onError(e: unknown): void;
}

type Pending = { kind: 'lock' | 'unlock' | 'delete' | 'confirm'; round: Round };

export function RoundsView({ rounds, onRoundsChanged, onOpen, onError }: RoundsViewProps) {
  const [stats, setStats] = useState<RoundStats[]>([]);
  const [scales, setScales] = useState<ScaleInfo[]>([]);
  const [form, setForm] = useState<{ mode: 'create' } | { mode: 'edit'; round: Round } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const load = useCallback(() => {
    Promise.all([invoke('rounds.stats', {}), invoke('scales.list', {})])
      .then(([s, sc]) => {
        setStats(s);
        setScales(sc);
      })
      .catch(onError);
  }, [onError]);
  useEffect(load, [load, rounds]);

  /** Runs a change, then reports it and refreshes everything that shows rounds. */
  const run = (p: Promise<unknown>, done: (result: never) => string) => {
    setBusy(true);
    p.then((result) => {
      setMessage(done(result as never));
      setForm(null);
      setPending(null);
      onRoundsChanged();
      load();
    })
      .catch((e: unknown) => {
        setPending(null);
        onError(e);
      })
      .finally(() => setBusy(false));
  };

  const submit = (d: RoundDraft) => {
    if (form?.mode === 'edit') {
      run(invoke('rounds.update', { ...toFields(d), roundId: form.round.id }), () => `評価回 ${d.label.trim()} を保存しました`);
    } else {
      run(invoke('rounds.create', { ...toFields(d), carryFromRoundId: d.carryFromRoundId }), (r: { round: Round; carried: number }) =>
        r.carried > 0
          ? `評価回 ${r.round.label} を作成しました。${r.carried.toLocaleString('ja-JP')} 件のランクを繰り越しました (確定するまで「繰越」と表示されます)`
          : `評価回 ${r.round.label} を作成しました`,
      );
    }
  };

  const statsOf = (id: number) => stats.find((s) => s.roundId === id);

  return (
    <div className="rounds-view">
      <section className="rounds-main" aria-label="評価回">
        <div className="section-head">
          <h2>評価回</h2>
          <button type="button" className="primary" onClick={() => setForm({ mode: 'create' })} disabled={form !== null || scales.length === 0}>
            ＋ 新しい評価回
          </button>
        </div>
        {message && (
          <p className="done-message" role="status">
            {message}
          </p>
        )}
        {form && (
          <RoundForm
            mode={form.mode}
            initial={form.mode === 'edit' ? draftOf(form.round) : newDraft(rounds)}
            rounds={rounds}
            scales={scales}
            busy={busy}
            onSubmit={submit}
            onCancel={() => setForm(null)}
          />
        )}
        <table className="plain-table rounds-table" aria-label="評価回の一覧">
          <thead>
            <tr>
              <th>ラベル</th>
              <th>名称</th>
              <th>時点</th>
              <th>X会議</th>
              <th>ランク基準</th>
              <th>ランク付け済</th>
              <th>繰越 (未確認)</th>
              <th>所見</th>
              <th>状態</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => {
              const s = statsOf(r.id);
              return (
                <tr key={r.id} className={r.lockedAt ? 'locked' : undefined}>
                  <th scope="row">{r.label}</th>
                  <td>{r.title}</td>
                  <td>{formatWarekiPeriod(r.asOf)}</td>
                  <td>{r.meetingDate ? formatWarekiPeriod(r.meetingDate) : '—'}</td>
                  <td>{r.scaleName}</td>
                  <td className="num">{s?.ranked.toLocaleString('ja-JP') ?? ''}</td>
                  <td className="num">{s ? (s.carried > 0 ? <strong className="carried-count">{s.carried.toLocaleString('ja-JP')}</strong> : '0') : ''}</td>
                  <td className="num">{s?.comments.toLocaleString('ja-JP') ?? ''}</td>
                  <td>
                    {r.lockedAt ? (
                      <span className="lock-state" title={`${r.lockedBy ?? ''} ${formatDateTime(r.lockedAt)}`}>
                        <span className="lock-badge">ロック中</span>
                        <span className="muted small"> {r.lockedBy}</span>
                      </span>
                    ) : (
                      '編集可'
                    )}
                  </td>
                  <td className="actions">
                    <button type="button" title="ランク付けの画面でこの評価回を開きます" onClick={() => onOpen(r.id)}>
                      開く
                    </button>
                    {r.lockedAt ? (
                      <button type="button" onClick={() => setPending({ kind: 'unlock', round: r })}>
                        ロック解除…
                      </button>
                    ) : (
                      <>
                        <button type="button" onClick={() => setForm({ mode: 'edit', round: r })} disabled={form !== null}>
                          変更
                        </button>
                        {s && s.carried > 0 && (
                          <button type="button" onClick={() => setPending({ kind: 'confirm', round: r })}>
                            繰越をすべて確定
                          </button>
                        )}
                        <button type="button" onClick={() => setPending({ kind: 'lock', round: r })}>
                          ロック
                        </button>
                        <button type="button" onClick={() => setPending({ kind: 'delete', round: r })}>
                          削除
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="muted small">
          公表した評価回はロックしてください。ロック中はランクと所見を変更できません。解除には理由が必要で、監査ログに残ります。削除できるのは、確定したランクや所見のない評価回だけです。
        </p>
      </section>
      <ScalesPanel
        scales={scales}
        onError={onError}
        onChanged={(m) => {
          setMessage(m);
          load();
          onRoundsChanged();
        }}
      />
      {pending?.kind === 'unlock' && (
        <UnlockDialog
          round={pending.round}
          busy={busy}
          onClose={() => setPending(null)}
          onUnlock={(reason) => run(invoke('rounds.unlock', { roundId: pending.round.id, reason }), () => `評価回 ${pending.round.label} のロックを解除しました`)}
        />
      )}
      {pending?.kind === 'lock' && (
        <ConfirmDialog
          title="評価回のロック"
          confirmLabel="ロックする"
          busy={busy}
          onClose={() => setPending(null)}
          onConfirm={() => run(invoke('rounds.lock', { roundId: pending.round.id }), () => `評価回 ${pending.round.label} をロックしました`)}
        >
          <p>評価回 {pending.round.label} ({pending.round.title}) をロックします。ロック中はランクと所見を変更できません。</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'delete' && (
        <ConfirmDialog
          title="評価回の削除"
          confirmLabel="削除する"
          busy={busy}
          onClose={() => setPending(null)}
          onConfirm={() =>
            run(invoke('rounds.delete', { roundId: pending.round.id }), (r: { label: string; discarded: number }) =>
              r.discarded > 0 ? `評価回 ${r.label} を削除しました (未確認の繰越 ${r.discarded} 件も削除)` : `評価回 ${r.label} を削除しました`,
            )
          }
        >
          <p>評価回 {pending.round.label} ({pending.round.title}) を削除します。削除の前にデータベースの控えを取ります。</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'confirm' && (
        <ConfirmDialog
          title="繰越の一括確定"
          confirmLabel="すべて確定"
          busy={busy}
          onClose={() => setPending(null)}
          onConfirm={() =>
            run(invoke('rounds.confirmCarried', { roundId: pending.round.id }), (r: { confirmed: number }) => `評価回 ${pending.round.label} の繰越 ${r.confirmed} 件を確定しました`)
          }
        >
          <p>
            評価回 {pending.round.label} の繰越のランク {statsOf(pending.round.id)?.carried.toLocaleString('ja-JP')} 件を、そのままのランクで確定します。
            監査ログの画面から取り消せます。
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
