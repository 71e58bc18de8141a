// The numbered text fields of an issue version, as the document names them.
export const VERSION_FIELDS = [
  { key: 'title', mark: '①', label: '課題名' },
  { key: 'content', mark: '②', label: '課題の内容' },
  { key: 'background', mark: '③', label: '課題の背景' },
  { key: 'actions', mark: '④', label: '課題に対する取組' },
  { key: 'progress', mark: '⑤', label: '取組みの進捗状況、取組結果' },
] as const;

export type VersionFieldKey = (typeof VERSION_FIELDS)[number]['key'];

export const LEVEL_LABELS: Record<string, string> = {
  A: 'A 現行業務の改善',
  B: 'B',
  C: 'C',
};

/** 'actions' → ④課題に対する取組; 'content+background' → ②課題の内容・③課題の背景 */
export function fieldLabel(field: string): string {
  return field
    .split('+')
    .map((k) => {
      const f = VERSION_FIELDS.find((x) => x.key === k);
      return f ? `${f.mark}${f.label}` : k;
    })
    .join('・');
}
