// Folding a typed or imported key for comparison: NFKC (１２ → 12, Ａ → A), no invisible
// characters, no whitespace. Shared by the import, the lookups and the issue keys.
// eslint-disable-next-line no-control-regex
export const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function foldKey(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, '').trim();
}
