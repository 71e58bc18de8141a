// The preview's rows: what each row of the file would do, with the reason for rejected rows and
// the per-field changes (before → after) for the others.
import { useState } from 'react';
import type { ImportPreviewView } from '../../../../electron/contract/channels';

type Status = ImportPreviewView['rows'][number]['status'];
const STATUS_LABELS: [Status, string][] = [
  ['new', '新規'],
  ['changed', '変更'],
  ['unchanged', '変更なし'],
  ['rejected', '取り込めない'],
];

const short = (s: string | null) => (s === null ? '(なし)' : s.length > 120 ? `${s.slice(0, 120)}…` : s);

export function PreviewRows({ preview }: { preview: ImportPreviewView }) {
  const [tab, setTab] = useState<Status>(preview.counts.rejected ? 'rejected' : preview.counts.changed ? 'changed' : 'new');
  const rows = preview.rows.filter((r) => r.status === tab);
  return (
    <section aria-label="取り込みの確認">
      <div role="tablist" className="tabs import-tabs" aria-label="行の状態">
        {STATUS_LABELS.map(([s, label]) => (
          <button key={s} type="button" role="tab" aria-selected={tab === s} onClick={() => setTab(s)}>
            {label} {preview.counts[s]}
          </button>
        ))}
      </div>
      <div className="import-rows">
        <table aria-label={`${STATUS_LABELS.find(([s]) => s === tab)![1]}の行`}>
          <thead>
            <tr>
              <th scope="col">行</th>
              <th scope="col">課題</th>
              <th scope="col">{tab === 'rejected' ? '理由' : '内容'}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line}>
                <td className="num">{r.line}</td>
                <td>
                  {r.key}
                  <div className="muted small">{r.title}</div>
                </td>
                <td>
                  {r.status === 'rejected' && r.reasons.map((x, i) => <div key={i}>{x}</div>)}
                  {r.status !== 'rejected' &&
                    r.changes.map((c, i) => (
                      <div key={i} className="change">
                        <b>{c.label}</b>: <del>{short(c.before)}</del> → <ins>{short(c.after)}</ins>
                      </div>
                    ))}
                  {r.status === 'unchanged' && <span className="muted">変更はありません</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted">該当する行はありません</p>}
        {preview.rowsShown < preview.rows.length + (preview.counts.new + preview.counts.changed + preview.counts.unchanged + preview.counts.rejected - preview.rows.length) && (
          <p className="muted small">画面には先頭の {preview.rowsShown} 行を表示しています (件数はすべての行)</p>
        )}
      </div>
    </section>
  );
}
