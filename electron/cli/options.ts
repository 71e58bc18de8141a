// Options of the commands whose implementation loads lazily (commands.ts): kept apart so that the
// command table can validate arguments without importing the implementation.
const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;

export const EXPORT_OPTIONS = {
  db: str, format: str, out: str, round: str, issues: str, org: str, levels: str, from: str, to: str,
  paper: str, orientation: str, font: str, encoding: str, tracked: bool, carried: str, 'revision-date': str, seireki: bool,
  force: bool,
} as const;

export const IMPORT_OPTIONS = {
  db: str, 'dry-run': bool, round: str, 'version-label': str, 'version-as-of': str, encoding: str, level: str,
  map: str, undo: str, 'create-round': bool, 'round-title': str, 'as-of': str, 'meeting-date': str, scale: str,
  'scale-template': str,
} as const;

export const INQUIRY_OPTIONS = {
  db: str, out: str, label: str, title: str, org: str, levels: str, deadline: str, 'dry-run': bool, theirs: bool, json: bool,
} as const;

export const ROUND_OPTIONS = {
  db: str, round: str, label: str, title: str, 'as-of': str, 'meeting-date': str, scale: str, 'scale-template': str,
  'carry-from': str, reason: str, org: str, levels: str, json: bool,
} as const;

export const RANK_OPTIONS = { db: str, round: str, issue: str, rank: str, comment: str } as const;

export const PACK_OPTIONS = { db: str, out: str, round: str, meeting: str, materials: str, font: str, seireki: bool, force: bool } as const;

export const PUBLISH_OPTIONS = { db: str, round: str, out: str, comments: bool, notes: bool, history: bool, force: bool } as const;
/** xpw share …: a folder (--dir) or a PostgreSQL server (--url / --to), and pg-setup's names. */
export const SHARE_OPTIONS = {
  db: str,
  dir: str,
  url: str,
  to: str,
  name: str,
  json: { type: 'boolean' },
  print: { type: 'boolean' },
  database: str,
  owner: str,
  client: str,
  login: str,
  'password-file': str,
} as const;
