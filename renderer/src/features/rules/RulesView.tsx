// 記載ルール: the statements of what each field must contain, edited by the secretariat and saved
// as one set (validated by the contract; an invalid rule is named by its line).
import { useEffect, useState } from 'react';
import type { LeaveGuard } from '../../app/LeaveDialog';
import type { Output } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { fieldLabel } from '../../../../common/fields';

type RuleSet = Output<'rules.list'>;
interface Draft {
  kind: string;
  field: string;
  params: Record<string, unknown>;
  message: string;
  enabled: boolean;
}

function ParamInputs({ draft, onChange }: { draft: Draft; onChange(params: Record<string, unknown>): void }) {
  const p = draft.params;
  const num = (key: string, label: string, step = 1) => (
    <label key={key}>
      {label}
      <input type="number" step={step} value={String(p[key] ?? '')} onChange={(e) => onChange({ ...p, [key]: e.target.value === '' ? '' : Number(e.target.value) })} />
    </label>
  );
  switch (draft.kind) {
    case 'minLength':
      return num('min', '最低文字数');
    case 'similarity':
      return num('threshold', '類似度の基準 (0〜1)', 0.05);
    case 'onlyDeliberation':
      return (
        <>
          <label>
            語 (読点区切り)
            <input
              value={Array.isArray(p.words) ? (p.words as string[]).join('、') : ''}
              onChange={(e) => onChange({ ...p, words: e.target.value.split(/[、,]\s*/u).filter(Boolean) })}
            />
          </label>
          {num('minRankOrder', '対象ランク (以上)')}
        </>
      );
    default:
      return <span className="muted small">設定なし</span>;
  }
}

const toDrafts = (r: RuleSet): Draft[] => r.rules.map(({ kind, field, params, message: m, enabled }) => ({ kind, field, params, message: m, enabled }));

export function RulesView({ onError, onSaved, onGuard }: { onError(e: unknown): void; onSaved(): void; onGuard?(guard: LeaveGuard | null): void }) {
  const [set, setSet] = useState<RuleSet | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [message, setMessage] = useState('');

  const load = (r: RuleSet) => {
    setSet(r);
    setDrafts(toDrafts(r));
  };
  useEffect(() => {
    invoke('rules.list', {}).then(load).catch(onError);
  }, [onError]);

  const save = (): Promise<boolean> => {
    // Said by line, in words, before the contract's own check would name fields by their code.
    const blank = drafts.findIndex((d) => !d.message.trim());
    if (blank >= 0) {
      setMessage('');
      onError(new Error(`ルール${blank + 1}の「指摘の文言」が空です。指摘として表示する文を入力してください`));
      return Promise.resolve(false);
    }
    return invoke('rules.save', { rules: drafts })
      .then((r) => {
        load(r);
        setMessage(`${r.rules.length}件のルールを保存しました`);
        onSaved();
        return true;
      })
      .catch((e: unknown) => {
        setMessage('');
        onError(e);
        return false;
      });
  };

  // Edits not saved yet: the app asks before another screen is opened (and they would be lost).
  const dirty = set !== null && JSON.stringify(drafts) !== JSON.stringify(toDrafts(set));
  useEffect(() => {
    onGuard?.(dirty ? { what: '記載ルールの変更', save } : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dirty, drafts]);
  useEffect(() => () => onGuard?.(null), [onGuard]);
  if (!set) return null;

  const update = (i: number, patch: Partial<Draft>) => setDrafts((d) => d.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const kindInfo = (kind: string) => set.kinds.find((k) => k.kind === kind)!;

  return (
    <section className="rules" aria-label="記載ルール">
      <p className="muted">
        各項目に記載すべき内容をルールとして定めます。ルールは版の比較・バージョンアップ状況・一覧の「指摘」列で使われます。
      </p>
      <table className="plain-table" aria-label="記載ルールの一覧">
        <thead>
          <tr>
            <th>有効</th>
            <th>種類</th>
            <th>項目</th>
            <th>設定</th>
            <th>指摘の文言</th>
            <th>
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((d, i) => (
            <tr key={i}>
              <td>
                <input type="checkbox" aria-label={`ルール${i + 1}を有効にする`} checked={d.enabled} onChange={(e) => update(i, { enabled: e.target.checked })} />
              </td>
              <td>
                <select
                  aria-label={`ルール${i + 1}の種類`}
                  value={d.kind}
                  onChange={(e) => {
                    const k = kindInfo(e.target.value);
                    update(i, { kind: k.kind, field: k.fields[0]!, params: k.defaults });
                  }}
                >
                  {set.kinds.map((k) => (
                    <option key={k.kind} value={k.kind}>
                      {k.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select aria-label={`ルール${i + 1}の項目`} value={d.field} onChange={(e) => update(i, { field: e.target.value })}>
                  {kindInfo(d.kind).fields.map((f) => (
                    <option key={f} value={f}>
                      {fieldLabel(f)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <div className="params">
                  <ParamInputs draft={d} onChange={(params) => update(i, { params })} />
                </div>
              </td>
              <td>
                <input aria-label={`ルール${i + 1}の文言`} className="wide" value={d.message} maxLength={300} onChange={(e) => update(i, { message: e.target.value })} />
              </td>
              <td>
                <button type="button" onClick={() => setDrafts((x) => x.filter((_, j) => j !== i))}>
                  削除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="buttons">
        <button
          type="button"
          onClick={() => {
            const k = set.kinds[0]!;
            setDrafts((x) => [...x, { kind: k.kind, field: k.fields[0]!, params: k.defaults, message: '', enabled: true }]);
          }}
        >
          ルールを追加
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void save()}
        >
          保存
        </button>
        {dirty && <span className="warn">未保存の変更があります</span>}
        <span role="status">{message}</span>
      </div>
    </section>
  );
}
