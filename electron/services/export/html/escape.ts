// Escaping for the print templates: every value from the database goes through esc(); the
// templates hold no script, and the print document's CSP forbids any.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Characters XML/HTML cannot carry (C0 controls except tab and line breaks): dropped.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(INVALID, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
