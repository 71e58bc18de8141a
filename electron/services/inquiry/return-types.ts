// What the preview and the collect of an inquiry's returns tell the UI and the CLI: plain
// JSON-able data (no Dates, no Maps), messages in Japanese naming the file, row and column.
import type { VersionFieldKey } from '../../../common/fields.js';
import type { FormFields } from './form-fields.js';

export interface FieldChange {
  key: VersionFieldKey;
  mark: string;
  label: string;
  before: string;
  after: string;
}

/** Three sides of a conflicting field: as sent, as the secretariat has it now, as returned. */
export interface ConflictField {
  key: VersionFieldKey;
  mark: string;
  label: string;
  /** null when the sent text is no longer in the database (the version was edited in place). */
  base: string | null;
  current: string;
  returned: string;
}

export interface Conflict {
  issueId: number;
  key: string;
  title: string;
  fileName: string;
  row: number;
  /** The version the form was generated from, and the issue's latest version now. */
  baseLabel: string | null;
  currentLabel: string | null;
  fields: ConflictField[];
}

export type RowStatus = 'unchanged' | 'changed' | 'conflict' | 'rejected';

export interface RowPreview {
  /** Excel's row number in the form sheet. */
  row: number;
  status: RowStatus;
  issueId: number | null;
  key: string | null;
  title: string | null;
  /** The 回答区分 as returned ('' when not chosen). */
  answer: string;
  /** rejected: why, naming row and column. */
  reason: string | null;
  /** changed / conflict: the fields that writing this row would change, against the database now. */
  changes: FieldChange[];
  /** changed / conflict: the returned fields, as they would be written. */
  fields: FormFields | null;
  /** A version with the inquiry's label exists already and would be overwritten. */
  replacesVersion: boolean;
  warnings: string[];
}

export type FileStatus = 'accepted' | 'refused' | 'superseded';

export interface FileCounts {
  changed: number;
  unchanged: number;
  conflicts: number;
  rejected: number;
  /** Issues of the form with no row in the return. */
  missing: number;
}

export interface FilePreview {
  fileName: string;
  sha256: string;
  status: FileStatus;
  /** refused / superseded: why. */
  message: string | null;
  formId: number | null;
  organizationId: number | null;
  organization: string | null;
  /** When the bureau last saved the workbook (ISO), if it says. */
  savedAt: string | null;
  /** The form was returned before (an import not undone): this return replaces it. */
  previousReturn: { at: string; fileName: string; importId: number } | null;
  rows: RowPreview[];
  missing: { issueId: number; key: string; title: string }[];
  counts: FileCounts;
  warnings: string[];
}

export interface ReturnsPreview {
  inquiry: { id: number; label: string; title: string; asOf: string };
  files: FilePreview[];
  /** Over the accepted files. */
  counts: FileCounts & { files: number; accepted: number; refused: number; superseded: number };
  /** Over the accepted files: each needs a choice (theirs = the bureau's text, or skip). */
  conflicts: Conflict[];
}

export type ConflictChoice = 'theirs' | 'skip';

export interface CollectResult {
  dryRun: boolean;
  inquiryId: number;
  label: string;
  /** null for a dry run. */
  importId: number | null;
  backupPath: string | null;
  /** Versions written (or, for a dry run, that would be). */
  written: { issueId: number; key: string; title: string; fileName: string; row: number; replacesVersion: boolean; fields: VersionFieldKey[] }[];
  /** Conflicts not written: chosen 'skip', or with no choice. */
  skipped: { issueId: number; key: string; fileName: string; row: number; reason: string }[];
  /** The forms marked returned (or, for a dry run, that would be). */
  returnedForms: { formId: number; organization: string; fileName: string }[];
  preview: ReturnsPreview;
}

export interface ReturnFile {
  fileName: string;
  bytes: Uint8Array;
  /** The file's modification time (ISO), when the caller knows it: breaks ties between two returns of one form. */
  modifiedAt?: string | null;
}
