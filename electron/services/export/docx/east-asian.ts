// Japanese line breaking (禁則) in the Word files, which the docx library has no option for:
// - every paragraph has East Asian line breaking on (w:kinsoku) and Latin words kept whole
//   (w:wordWrap), by the document defaults;
// - the document carries the JIS X 4051 "strict" lists of characters that may not start or end
//   a line (no small kana, ー or closing punctuation at a line start), which Word applies as its
//   custom 禁則 level and LibreOffice reads as the document's forbidden characters.
// The XML is patched after packing: small, fixed insertions at places the schema allows.
import { patchZipParts } from '../zip-parts.js';

/** May not start a line: closing brackets and punctuation, small kana, ー, iteration marks. */
export const NO_LINE_START =
  '!%),.:;?]}¢°’”‰′″℃、。々〉》」』】〕〗〙〟ぁぃぅぇぉっゃゅょゎゕゖ゛゜ゝゞァィゥェォッャュョヮヵヶ・ーヽヾㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ！％），．：；？］｝｡｣､･ｧｨｩｪｫｬｭｮｯｰ￠';
/** May not end a line: opening brackets and currency signs. */
export const NO_LINE_END = '$([\\{£¥‘“〈《「『【〔〖〘〝＄（［｛｢￡￥';

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export async function withJapaneseLineBreaking(bytes: Uint8Array): Promise<Uint8Array> {
  return patchZipParts(
    bytes,
    {
      // pPr's sequence puts kinsoku, wordWrap, overflowPunct before spacing: right at its start is valid.
      'word/styles.xml': (xml) =>
        xml.replace('<w:pPrDefault><w:pPr>', '<w:pPrDefault><w:pPr><w:kinsoku w:val="1"/><w:wordWrap w:val="1"/><w:overflowPunct w:val="1"/>'),
      // In w:settings the lists come after evenAndOddHeaders and before compat.
      'word/settings.xml': (xml) =>
        xml.replace(
          '<w:compat>',
          `<w:characterSpacingControl w:val="doNotCompress"/><w:noLineBreaksAfter w:lang="ja-JP" w:val="${xmlAttr(NO_LINE_END)}"/><w:noLineBreaksBefore w:lang="ja-JP" w:val="${xmlAttr(NO_LINE_START)}"/><w:compat>`,
        ),
    },
    'docx',
  );
}
