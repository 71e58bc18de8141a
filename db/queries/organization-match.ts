// Finds the 局区 a file names: the short name (小北), the full name (小倉北区役所), or a form
// of it (小倉北区) — and, for names it cannot place, suggests the likely ones.
import { foldKey } from '../../common/fold-key.js';
import type { Organization } from './organizations.js';

const SUFFIXES = /(役所|事務局|委員会|本部|室|局|区)$/;
const stem = (s: string) => foldKey(s).replace(SUFFIXES, '').replace(SUFFIXES, '');

export function findOrganization(orgs: Organization[], name: string): Organization | undefined {
  const k = foldKey(name);
  if (!k) return undefined;
  return (
    orgs.find((o) => foldKey(o.shortName) === k) ??
    orgs.find((o) => foldKey(o.fullName) === k) ??
    orgs.find((o) => stem(o.fullName) === stem(k) && stem(k).length >= 2)
  );
}

/** Up to three likely matches for a name no organization carries (by shared characters). */
export function suggestOrganizations(orgs: Organization[], name: string): Organization[] {
  const chars = new Set(foldKey(name));
  const score = (o: Organization) => {
    const short = [...foldKey(o.shortName)];
    const covered = short.filter((c) => chars.has(c)).length / short.length;
    const full = [...new Set(foldKey(o.fullName))].filter((c) => chars.has(c)).length;
    return covered * 10 + full;
  };
  return orgs
    .map((o) => ({ o, s: score(o) }))
    .filter((x) => x.s >= 10)
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map((x) => x.o);
}
