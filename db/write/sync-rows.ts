// The structural rows as team-sync records carry them (./sync-structure.ts merges them): 局区,
// scale, round, issue and version rows keyed by stable keys, read at the moment of a local change
// by the write paths that emit records (imports, rounds). Field 'row' of a record is one of these;
// a version's texts travel one record per field.
import type Database from 'better-sqlite3';
import { VERSION_TEXT_FIELDS } from '../../common/sync-record.js';
import { statement } from '../statements.js';

export interface OrganizationRow {
  fullName: string;
  kind: string;
  displayOrder: number;
  fullNameAssumed: boolean;
}
export interface ScaleRow {
  ranks: { value: string; label: string; definition: string }[];
}
export interface RoundRow {
  title: string;
  asOf: string;
  meetingDate: string | null;
  scale: string;
}
export interface IssueRow {
  org: string;
  level: string;
  number: number;
  title: string;
  dataNote: string | null;
  createdAt: string;
}
export interface VersionRow {
  asOf: string;
  number: number;
  createdAt: string;
}
export type VersionTexts = Record<(typeof VERSION_TEXT_FIELDS)[number], string | null>;

// ---- the rows as records carry them (read at the moment of a local change) ----

export function organizationRow(sqlite: Database.Database, id: number): { shortName: string; row: OrganizationRow } | undefined {
  const r = statement(
    sqlite,
    'SELECT short_name AS shortName, full_name AS fullName, kind, display_order AS displayOrder, full_name_assumed AS assumed FROM organizations WHERE id = ?',
  ).get(id) as { shortName: string; fullName: string; kind: string; displayOrder: number; assumed: number } | undefined;
  return r && { shortName: r.shortName, row: { fullName: r.fullName, kind: r.kind, displayOrder: r.displayOrder, fullNameAssumed: r.assumed === 1 } };
}

export function issueRow(sqlite: Database.Database, id: number): { uid: string; row: IssueRow } | undefined {
  const r = statement(
    sqlite,
    `SELECT i.uid, o.short_name AS org, i.level, i.number, i.title, i.data_note AS dataNote, i.created_at AS createdAt
       FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE i.id = ?`,
  ).get(id) as ({ uid: string } & IssueRow) | undefined;
  if (!r) return undefined;
  const { uid, ...row } = r;
  return { uid, row };
}

export function versionRow(sqlite: Database.Database, id: number): { uid: string; label: string; row: VersionRow; texts: VersionTexts } | undefined {
  const r = statement(
    sqlite,
    `SELECT i.uid, v.label, v.as_of AS asOf, v.number, v.created_at AS createdAt, v.title, v.content, v.background, v.actions, v.progress, v.remarks
       FROM issue_versions v JOIN issues i ON i.id = v.issue_id WHERE v.id = ?`,
  ).get(id) as ({ uid: string; label: string } & VersionRow & VersionTexts) | undefined;
  if (!r) return undefined;
  return {
    uid: r.uid,
    label: r.label,
    row: { asOf: r.asOf, number: r.number, createdAt: r.createdAt },
    texts: Object.fromEntries(VERSION_TEXT_FIELDS.map((f) => [f, r[f]])) as VersionTexts,
  };
}

export const roundRowOf = (f: { title: string; asOf: string; meetingDate: string | null; scale: string }): RoundRow => ({
  title: f.title,
  asOf: f.asOf,
  meetingDate: f.meetingDate ?? null,
  scale: f.scale,
});
