// What an import will write, decided before anything is written (the preview shows it; the
// commit applies exactly this). Issues and organizations that do not exist yet are referred to
// by a key of the change set, so new issues can have versions and ranks in the same import.
import type { IssueVersion, Level } from '../queries/issues.js';
import type { OrganizationKind } from '../queries/organizations.js';

export type OrgRef = { id: number } | { newKey: string };
export type IssueRef = { id: number } | { newKey: string };

export interface NewOrganizationChange {
  key: string;
  shortName: string;
  fullName: string;
  kind: OrganizationKind;
}

export interface NewIssueChange {
  key: string;
  organization: OrgRef;
  level: Level;
  number: number;
  title: string;
}

/** The written texts of a version: those of a stored version but its remarks. */
export type VersionFields = Pick<IssueVersion, 'number' | 'title' | 'content' | 'background' | 'actions' | 'progress'>;

/** A version with this label is added, or updated in place when the issue already has one. */
export interface VersionChange extends VersionFields {
  issue: IssueRef;
  label: string;
  asOf: string;
}

export interface TitleChange {
  issueId: number;
  title: string;
}

/** Only the given fields are written. */
export interface EvaluationChange {
  issue: IssueRef;
  roundId: number;
  rank?: string | null;
  comment?: string;
}

export interface ChangeSet {
  organizations: NewOrganizationChange[];
  issues: NewIssueChange[];
  titles: TitleChange[];
  versions: VersionChange[];
  evaluations: EvaluationChange[];
}

export const emptyChangeSet = (): ChangeSet => ({ organizations: [], issues: [], titles: [], versions: [], evaluations: [] });

export interface ImportCounts {
  new: number;
  changed: number;
  unchanged: number;
  rejected: number;
}

export interface ImportMeta {
  kind: 'list' | 'inquiry';
  fileName: string;
  sha256: string;
  actor: string;
  roundId?: number | null;
  versionLabel?: string | null;
  inquiryId?: number | null;
  counts: ImportCounts;
}
