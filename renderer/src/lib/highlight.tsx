// Marks the search terms in a text (grid cells, the reading pane), as the search matched them:
// every whitespace-separated term, case-insensitively, full-width or half-width alike.
import type { ReactNode } from 'react';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression for the terms of a search, or null when there is nothing to mark. */
export function searchPattern(query: string): RegExp | null {
  const terms = query.split(/[\s\u3000]+/).filter(Boolean);
  const variants = new Set<string>();
  for (const t of terms) {
    variants.add(t);
    variants.add(t.normalize('NFKC'));
    // Half-width ASCII typed, full-width stored (and back): ＤＸ, １２.
    variants.add(t.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  }
  const list = [...variants].filter(Boolean).sort((a, b) => b.length - a.length);
  return list.length ? new RegExp(list.map(escape).join('|'), 'gi') : null;
}

export function highlight(text: string, pattern: RegExp | null): ReactNode {
  if (!pattern || !text) return text;
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0] === '') continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(<mark key={m.index}>{m[0]}</mark>);
    last = m.index + m[0].length;
  }
  if (out.length === 0) return text;
  if (last < text.length) out.push(text.slice(last));
  return out;
}
