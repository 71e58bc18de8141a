// The field-level change record that team sync exchanges (issue 12). Pure types shared by db/
// (which writes and merges records) and electron/services/sync (which moves them between PCs).

/** Who made a change: the person and the PC (a person can work on two PCs). */
export interface Actor {
  user: string;
  pc: string;
}

/** Kinds of shared data that travel as change records (see the README's merge rules). */
export type RecordKind =
  | 'evaluation'
  | 'note'
  | 'rules'
  | 'setting'
  | 'round_lock'
  /** Structural data (field 'row': the row, null = deleted; versions also one record per text ①–⑤). */
  | 'organization'
  | 'scale'
  | 'round'
  | 'issue'
  | 'version';

/** Kinds whose concurrent changes from one starting value are a conflict (要確認), not last-writer-wins. */
export const CONFLICT_KINDS: readonly RecordKind[] = ['note', 'rules', 'scale', 'version'];

/** The texts of a version that travel one record each (a version's 'row' field is its existence, as-of date and number). */
export const VERSION_TEXT_FIELDS = ['title', 'content', 'background', 'actions', 'progress', 'remarks'] as const;

/** Whether concurrent changes of this field from one starting value are a conflict (a version's 'row' is last-writer-wins). */
export const isConflictField = (kind: RecordKind, field: string): boolean =>
  CONFLICT_KINDS.includes(kind) && !(kind === 'version' && field === 'row');

/** Structural kinds, merged before the rows that hang on them (an issue before its ranks). */
export const STRUCTURE_ORDER: readonly RecordKind[] = ['organization', 'scale', 'round', 'round_lock', 'issue', 'version'];

/** One field-level change. Identified by `id` everywhere; `key` names the row by stable keys (issue uid, round label …), never by local row ids. */
export interface ChangeRecord {
  id: string;
  /** Hybrid logical clock, a string that sorts in clock order (db/write/sync-clock.ts). */
  hlc: string;
  actor: Actor;
  /** The audit action (evaluation.rank, comparison.note, sync.resolve …). */
  action: string;
  kind: RecordKind;
  key: Record<string, string>;
  field: string;
  before: unknown;
  after: unknown;
  /** All records made in one transaction (an import, a 照会 collect, an undo) share a batch id and travel together. */
  batch: string | null;
  /** A conflict resolution names the records it settles (the choice is itself a change). */
  supersedes?: string[];
}

/** Settings shared by the team; every other setting (display name, backup folder, window state, export defaults) is this PC's. */
export const SHARED_SETTING_KEYS: readonly string[] = ['datasetName'];

/**
 * Settings of which some fields are the team's and the rest this PC's: the export defaults' font
 * and paper follow this PC's printers, but the author named in tracked changes (the secretariat)
 * and the city's 全国地方公共団体コード are the same for everyone. Each such field travels as its
 * own record (kind 'setting', key {key}, field = the field's name) and is merged last-writer-wins.
 */
export const SHARED_SETTING_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'export.defaults': ['revisionAuthor', 'localGovernmentCode'],
};

/** Canonical JSON of a key: sorted property names, so equal keys are equal strings. */
export function keyJson(key: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(key).sort().map((k) => [k, key[k]])));
}
