// A list without a レベル column: rows matching one existing issue (局区・番号・課題名) take its
// level; the rest (new issues, or several matches) are named here and need a level before 取り込む —
// one choice for all of them, or each row its own.
import type { ImportPreviewView } from '../../../../electron/contract/channels';

export type Level = 'A' | 'B' | 'C';
const LEVELS: Level[] = ['A', 'B', 'C'];
/** Rows listed one by one; beyond these the choice for all applies. */
const ROWS_LISTED = 200;

export interface LevelChoice {
  all: Level | null;
  /** By the row's line in the file. */
  rows: Record<string, Level>;
}

/** Rows of the preview still without a level. */
export const levelsMissing = (preview: ImportPreviewView, choice: LevelChoice): number =>
  preview.levelUnknown.filter((r) => !(choice.rows[String(r.line)] ?? choice.all)).length;

export function LevelQuestion({ preview, choice, onChange }: { preview: ImportPreviewView; choice: LevelChoice; onChange(c: LevelChoice): void }) {
  const open = preview.levelUnknown;
  if (!open.length) return null;
  const missing = levelsMissing(preview, choice);
  return (
    <fieldset className="level-question">
      <legend>レベルの指定 ({open.length.toLocaleString('ja-JP')} 行)</legend>
      <p className="small">
        「レベル」の列がなく、局区・番号・課題名が一致する課題が1つに決まらない行です。レベルを選んでください
        {missing > 0 && <span className="missing"> (未選択 {missing.toLocaleString('ja-JP')} 行)</span>}
      </p>
      <label>
        これらの行すべてのレベル
        <select aria-label="レベル (すべての行)" value={choice.all ?? ''} onChange={(e) => onChange({ ...choice, all: (e.target.value || null) as Level | null })}>
          <option value="">選んでください</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <table aria-label="レベルを指定する行">
        <thead>
          <tr>
            <th scope="col">行</th>
            <th scope="col">局区</th>
            <th scope="col">番号</th>
            <th scope="col">課題名</th>
            <th scope="col">レベル</th>
          </tr>
        </thead>
        <tbody>
          {open.slice(0, ROWS_LISTED).map((r) => {
            const own = choice.rows[String(r.line)];
            return (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{r.organization}</td>
                <td>{r.number}</td>
                <td>
                  {r.title ?? ''}
                  <span className="muted small"> ({r.why === 'new' ? '新しい課題' : '一致する課題が複数'})</span>
                </td>
                <td>
                  <select
                    aria-label={`${r.line}行目 ${r.organization} ${r.number} のレベル`}
                    value={own ?? ''}
                    onChange={(e) => {
                      const rows = { ...choice.rows };
                      if (e.target.value) rows[String(r.line)] = e.target.value as Level;
                      else delete rows[String(r.line)];
                      onChange({ ...choice, rows });
                    }}
                  >
                    <option value="">{choice.all ? `すべてと同じ (${choice.all})` : '選んでください'}</option>
                    {LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {open.length > ROWS_LISTED && <p className="small muted">ほか {(open.length - ROWS_LISTED).toLocaleString('ja-JP')} 行は「すべての行」のレベルになります</p>}
    </fieldset>
  );
}
