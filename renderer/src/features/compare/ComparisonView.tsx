// 版の比較: two versions of one issue side by side, field by field, differences marked on both
// sides (deletions left, insertions right), with the secretariat's note in a dashed box.
import { useEffect, useRef, useState } from 'react';
import { formatWarekiPeriod } from '../../../../common/wareki';
import type { Comparison, DiffPartView } from './types';
import { ApiError, invoke } from '../../api/client';
import { useModal } from '../../lib/useModal';

/** Moving through the list the dialog was opened from (the grid, ランク変動, バージョンアップ状況). */
export interface ComparisonNav {
  /** 「3 / 12 件目」 */
  position: string;
  prev: (() => void) | null;
  next: (() => void) | null;
}

const STATUS: Record<string, string> = { same: '変更なし', changed: '変更あり', new: '新規', removed: '削除', empty: '' };

function Marked({ parts, side, plain }: { parts: DiffPartView[]; side: 'from' | 'to'; plain: boolean }) {
  return (
    <>
      {parts.map((p, i) => {
        if (p.op === (side === 'from' ? 'insert' : 'delete')) return null;
        if (p.op === 'equal' || plain) return <span key={i}>{p.text}</span>;
        return p.op === 'delete' ? (
          <del key={i} title="削除">
            {p.text}
          </del>
        ) : (
          <ins key={i} title="追加">
            {p.text}
          </ins>
        );
      })}
    </>
  );
}

/** Picks one side's version; the other side's version is disabled (a version is not compared with itself). */
function VersionSelect(props: { label: string; value: string; other: string; versions: Comparison['versions']; onChange(label: string): void }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.versions.map((v) => (
          <option key={v.id} value={v.label} disabled={v.label === props.other}>
            {v.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ComparisonView({ issueId, nav, onClose, onError }: { issueId: number; nav?: ComparisonNav; onClose(): void; onError(e: unknown): void }) {
  const [cmp, setCmp] = useState<Comparison | null>(null);
  // Why this issue cannot be compared (one version only…): said inside the dialog, which stays
  // open so that the next or previous issue can be reached.
  const [problem, setProblem] = useState<string | null>(null);
  const [pair, setPair] = useState<{ from?: string; to?: string }>({});
  const [plain, setPlain] = useState(false);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState('');
  const ref = useRef<HTMLDialogElement>(null);

  useModal(ref);
  // Another issue: its own pair of versions (the latest two unless chosen).
  const [shownIssue, setShownIssue] = useState(issueId);
  if (shownIssue !== issueId) {
    setShownIssue(issueId);
    setPair({});
  }
  useEffect(() => {
    let live = true;
    invoke('compare.get', { issueId, ...pair })
      .then((c) => {
        if (!live) return;
        setCmp(c);
        setProblem(null);
        setNote(c.note?.note ?? '');
        setSaved('');
      })
      .catch((e: unknown) => {
        if (!live) return;
        setCmp(null);
        if (e instanceof ApiError) setProblem(e.message);
        else onError(e);
      });
    return () => {
      live = false;
    };
  }, [issueId, pair, onError]);

  const saveNote = () => {
    if (!cmp || note === (cmp.note?.note ?? '')) return;
    invoke('compare.setNote', { issueId, fromVersionId: cmp.from.id, toVersionId: cmp.to.id, note })
      .then((n) => {
        setCmp({ ...cmp, note: n });
        setSaved('メモを保存しました');
      })
      .catch(onError);
  };

  // Saved at once: shortly after typing stops, and when the box is left.
  useEffect(() => {
    const t = setTimeout(saveNote, 800);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [note]);

  const first = cmp?.versions[0]?.id === cmp?.from.id;
  const step = (go: (() => void) | null | undefined) => {
    if (!go) return;
    saveNote();
    go();
  };
  const navBar = nav && (
    <div className="compare-nav" role="group" aria-label="課題の移動">
      <button type="button" disabled={!nav.prev} onClick={() => step(nav.prev)} title="PageUp">
        ◀ 前の課題
      </button>
      <span className="muted small">{nav.position}</span>
      <button type="button" disabled={!nav.next} onClick={() => step(nav.next)} title="PageDown">
        次の課題 ▶
      </button>
    </div>
  );
  return (
    <dialog
      ref={ref}
      className="compare-dialog"
      aria-label="版の比較"
      onClose={onClose}
      onKeyDown={(e) => {
        // PageUp / PageDown move through the list, except where they scroll a text box or pick an option.
        if (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
        if (e.key === 'PageUp' && nav?.prev) {
          e.preventDefault();
          step(nav.prev);
        } else if (e.key === 'PageDown' && nav?.next) {
          e.preventDefault();
          step(nav.next);
        }
      }}
    >
      {!cmp && (
        <div className="compare">
          <header className="compare-head">
            <h2>版の比較</h2>
            {navBar}
            <button type="button" onClick={() => ref.current?.close()}>
              閉じる (Esc)
            </button>
          </header>
          <p className="notice" role="status">
            {problem ?? '読み込んでいます…'}
          </p>
        </div>
      )}
      {cmp && (
        <div className="compare">
          <header className="compare-head">
            <h2>
              版の比較 <span className="muted">{cmp.key}</span> {cmp.title}
            </h2>
            <VersionSelect label="比較元" value={cmp.from.label} other={cmp.to.label} versions={cmp.versions} onChange={(from) => setPair({ from, to: cmp.to.label })} />
            <VersionSelect label="比較先" value={cmp.to.label} other={cmp.from.label} versions={cmp.versions} onChange={(to) => setPair({ from: cmp.from.label, to })} />
            <label className="toggle">
              <input type="checkbox" checked={plain} onChange={(e) => setPlain(e.target.checked)} /> 変更箇所の印を消す
            </label>
            {navBar}
            <button type="button" onClick={() => ref.current?.close()}>
              閉じる (Esc)
            </button>
          </header>
          <table className="compare-table">
            <colgroup>
              <col className="c-label" />
              <col />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">項目</th>
                <th scope="col">
                  {first ? 'X方針策定時' : '比較元'} ({cmp.from.label}時点)
                  <div className="muted small">{formatWarekiPeriod(cmp.from.asOf)}</div>
                </th>
                <th scope="col">
                  進捗把握 ({cmp.to.label}時点)
                  <div className="muted small">{formatWarekiPeriod(cmp.to.asOf)}</div>
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">課題番号</th>
                <td>{cmp.from.printedNumber}</td>
                <td>
                  {cmp.to.printedNumber}
                  {cmp.numberChanged && <span className="badge">番号変更</span>}
                </td>
              </tr>
              {cmp.fields.map((f) => (
                <tr key={f.key} className={`status-${f.status}`}>
                  <th scope="row">
                    {f.mark} {f.label}
                    <div className="muted small">
                      {STATUS[f.status]}
                      {f.status === 'changed' && ` ${Math.round(f.changedShare * 100)}%`}
                    </div>
                  </th>
                  <td>{f.from ? <Marked parts={f.parts} side="from" plain={plain} /> : <span className="muted">(記載なし)</span>}</td>
                  <td>
                    {f.status === 'new' && <span className="badge">新規</span>}
                    {f.to ? <Marked parts={f.parts} side="to" plain={plain} /> : <span className="muted">(記載なし)</span>}
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">記載チェック</th>
                {[cmp.from, cmp.to].map((side) => (
                  <td key={side.id}>
                    {side.findings.length === 0 ? (
                      <span className="muted">指摘なし</span>
                    ) : (
                      <ul className="findings">
                        {side.findings.map((x, i) => (
                          <li key={i}>
                            <strong>{x.fieldLabel}</strong> {x.message} <span className="muted small">({x.detail})</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <label className="note-box">
            <span>事務局メモ (この比較について)</span>
            <textarea value={note} rows={3} maxLength={4000} onChange={(e) => setNote(e.target.value)} onBlur={saveNote} />
          </label>
          <p className="muted small" aria-live="polite">
            {saved || (cmp.note ? `最終更新: ${cmp.note.updatedBy}` : 'メモは入力すると自動で保存されます')}
          </p>
        </div>
      )}
    </dialog>
  );
}
