import { describe, expect, it } from 'vitest';
import { formatWarekiDate, formatWarekiPeriod, toWareki } from '../../common/wareki';

describe('和暦', () => {
  it('formats the meeting date as in the document', () => {
    expect(formatWarekiDate(new Date(2024, 11, 20))).toBe('令和6年12月20日');
  });
  it('writes the first year of an era as 元年', () => {
    expect(formatWarekiDate(new Date(2019, 4, 1))).toBe('令和元年5月1日');
    expect(formatWarekiDate(new Date(1989, 0, 8))).toBe('平成元年1月8日');
    expect(toWareki(new Date(2019, 3, 30))).toMatchObject({ era: '平成', year: 31 });
  });
  it('formats as-of periods', () => {
    expect(formatWarekiPeriod('2024-11')).toBe('令和6年11月');
    expect(formatWarekiPeriod('2024-08-21')).toBe('令和6年8月21日');
  });
});
