// The two small pieces everything else rests on: when two texts are "the same", and that a row
// key or a key sheet changed in any way no longer verifies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../electron/services/inquiry/form-fields';
import { newInquiryUid, newSecret, parseRowKey, rowKey, signKeySheet, verifyKeySheet, verifyRowKey } from '../../electron/services/inquiry/signing';

describe('normaliseText', () => {
  it('ignores line endings and spaces at line ends, nothing else', () => {
    expect(normaliseText('・ 一行目  \r\n・ 二行目\u3000\r\n\r\n')).toBe('・ 一行目\n・ 二行目');
    expect(normaliseText('  先頭の空白は残す')).toBe('  先頭の空白は残す');
    expect(normaliseText(null)).toBe('');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = normaliseText(s);
        expect(normaliseText(n)).toBe(n);
        expect(normaliseText(s.replace(/\n/g, '\r\n'))).toBe(normaliseText(s.replace(/\r\n?/g, '\n')));
      }),
    );
  });
});

describe('signed keys', () => {
  const secret = newSecret();
  const inquiry = newInquiryUid();
  const issue = newInquiryUid();

  it('a row key verifies for its 局区 only, and not after any one character is changed', () => {
    const key = rowKey(secret, inquiry, 7, issue);
    const parsed = parseRowKey(key)!;
    expect(verifyRowKey(secret, parsed, 7)).toBe(true);
    expect(verifyRowKey(secret, parsed, 8)).toBe(false);
    expect(verifyRowKey(newSecret(), parsed, 7)).toBe(false);
    fc.assert(
      fc.property(fc.nat({ max: key.length - 1 }), fc.constantFrom(...'0123456789abcdef'), (i, ch) => {
        fc.pre(key[i] !== ch && key[i] !== '-' && key[i] !== '.');
        const forged = parseRowKey(`${key.slice(0, i)}${ch}${key.slice(i + 1)}`);
        expect(forged !== null && forged.inquiryUid === parsed.inquiryUid && forged.issueUid === parsed.issueUid && verifyRowKey(secret, forged, 7)).toBe(false);
      }),
    );
    expect(parseRowKey('会計-A-1')).toBeNull();
  });

  it('a key sheet verifies only as signed', () => {
    const k = { format: 1, inquiryUid: inquiry, organizationId: 3, organization: 'デジ', generatedAt: '2025-02-01T00:00:00.000Z' };
    const sig = signKeySheet(secret, k);
    expect(verifyKeySheet(secret, k, sig.toUpperCase())).toBe(true);
    expect(verifyKeySheet(secret, { ...k, organizationId: 4 }, sig)).toBe(false);
    expect(verifyKeySheet(secret, { ...k, generatedAt: '2025-02-01T00:00:01.000Z' }, sig)).toBe(false);
    expect(verifyKeySheet(secret, k, '')).toBe(false);
  });
});
