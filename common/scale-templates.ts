// Starting points for a new ランク基準: the document's scale and two scales other cities use. Shared
// by the app's scale editor and `xpw round create --scale-template`.
export interface RankDraft {
  value: string;
  label: string;
  definition: string;
}

export const SCALE_TEMPLATES: { name: string; ranks: RankDraft[] }[] = [
  {
    name: '進捗ランク (3段階)',
    ranks: [
      { value: '3', label: 'ランク3', definition: '完了したもの' },
      { value: '2', label: 'ランク2', definition: '具体的な作業をしていることが確認できるもの' },
      { value: '1', label: 'ランク1', definition: '内部的な検討や協議にとどまっているなど具体的なアウトプットが見られないもの' },
    ],
  },
  {
    name: '未着手・取組中・完了',
    ranks: [
      { value: '完了', label: '完了', definition: '取組みが完了したもの' },
      { value: '取組中', label: '取組中', definition: '具体的な取組みを進めているもの' },
      { value: '未着手', label: '未着手', definition: 'まだ取組みに着手していないもの' },
    ],
  },
  {
    name: 'S・A・B・C・−',
    ranks: [
      { value: 'S', label: 'S', definition: '目標を上回って達成したもの' },
      { value: 'A', label: 'A', definition: '目標どおり達成したもの' },
      { value: 'B', label: 'B', definition: '一部を達成したもの' },
      { value: 'C', label: 'C', definition: '達成できていないもの' },
      { value: '−', label: '−', definition: '評価の対象外' },
    ],
  },
];
