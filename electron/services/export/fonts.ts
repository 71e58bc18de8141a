// The fonts a handout can be set in. Names are the exact Windows family names (ＭＳ is
// full-width), because Word and Chromium look fonts up by that name on the user's PC. The CSS
// stack falls back to Noto CJK so that a PDF printed on a machine without the Windows fonts
// (Linux CI) still has Japanese glyphs of the same style.
export const FONTS = [
  { name: 'BIZ UDゴシック', style: 'gothic' },
  { name: 'BIZ UD明朝', style: 'mincho' },
  { name: '游ゴシック', style: 'gothic' },
  { name: '游明朝', style: 'mincho' },
  { name: 'ＭＳ ゴシック', style: 'gothic' },
  { name: 'ＭＳ 明朝', style: 'mincho' },
] as const;

export type FontName = (typeof FONTS)[number]['name'];
export const FONT_NAMES = FONTS.map((f) => f.name) as [FontName, ...FontName[]];
export const DEFAULT_FONT: FontName = 'BIZ UDゴシック';

/** Loose matching for the CLI: "MS ゴシック", "ms明朝", "BIZ UD ゴシック" → the exact name. */
export function resolveFontName(input: string): FontName | undefined {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return FONTS.find((f) => norm(f.name) === norm(input))?.name;
}

export function fontStyle(name: FontName): 'gothic' | 'mincho' {
  return FONTS.find((f) => f.name === name)?.style ?? 'gothic';
}

/** CSS font-family for the print templates. */
export function cssFontStack(name: FontName): string {
  const fallback =
    fontStyle(name) === 'mincho'
      ? "'Noto Serif CJK JP', 'Noto Serif JP', serif"
      : "'Noto Sans CJK JP', 'Noto Sans JP', sans-serif";
  // The English family names too: fontconfig and older Windows know the fonts by those.
  const ALIASES: Partial<Record<FontName, string>> = {
    'BIZ UDゴシック': "'BIZ UDGothic', ",
    'BIZ UD明朝': "'BIZ UDMincho', ",
    '游ゴシック': "'Yu Gothic', 'YuGothic', ",
    '游明朝': "'Yu Mincho', 'YuMincho', ",
    'ＭＳ ゴシック': "'MS Gothic', ",
    'ＭＳ 明朝': "'MS Mincho', ",
  };
  const alias = ALIASES[name] ?? '';
  return `'${name}', ${alias}${fallback}`;
}
