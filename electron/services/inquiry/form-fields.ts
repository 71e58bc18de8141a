// The fields ①–⑤ as they travel in a form: what was sent, what came back, and when two of them
// are "the same". Excel on Windows may turn line breaks into CRLF and people leave spaces at the
// ends of lines; neither is a change. Anything else — even one character — is.
import { createHash } from 'node:crypto';
import { VERSION_FIELDS, type VersionFieldKey } from '../../../common/fields.js';

export type FormFields = Record<VersionFieldKey, string>;

export const FIELD_KEYS: readonly VersionFieldKey[] = VERSION_FIELDS.map((f) => f.key);

/** CRLF/CR → LF, spaces (also full-width) and tabs at line ends and blank lines at the end dropped. */
export function normaliseText(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000]+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}

export function normaliseFields(f: Partial<Record<VersionFieldKey, string | null>>): FormFields {
  return Object.fromEntries(FIELD_KEYS.map((k) => [k, normaliseText(f[k])])) as FormFields;
}

/** Stored as inquiry_items.base_hash: recognises "the secretariat has not touched it since". */
export function fieldsHash(f: FormFields): string {
  return createHash('sha256').update(JSON.stringify(FIELD_KEYS.map((k) => f[k]))).digest('hex');
}

export const sameFields = (a: FormFields, b: FormFields): boolean => FIELD_KEYS.every((k) => a[k] === b[k]);

/** The keys of the fields that differ. */
export const changedKeys = (before: FormFields, after: FormFields): VersionFieldKey[] => FIELD_KEYS.filter((k) => before[k] !== after[k]);

/** A version's columns hold null for an empty field. */
export const storedText = (text: string): string | null => (text === '' ? null : text);
