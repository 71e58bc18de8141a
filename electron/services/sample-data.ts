// The embedded sample: the R6 progress report as published (resources/sample, taken from the
// source document): 29 局区, 132 A-level issues with their published ranks in round R6.11, the
// 1–3 scale, and the B-level example with its R6.8 and R6.11 versions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/open.js';
import { sampleDir } from '../../db/paths.js';
import type { Level } from '../../db/queries/issues.js';
import type { OrganizationKind } from '../../db/queries/organizations.js';
import type { ScaleRank } from '../../db/queries/rounds.js';
import { DbError } from '../../db/errors.js';
import { hasIssues } from '../../db/queries/issues.js';
import { nowIso } from '../../db/time.js';
import { recordChange, writeTransaction } from '../../db/write/change.js';
import { insertSeedEvaluation } from '../../db/write/evaluations.js';
import { insertIssue, insertVersion } from '../../db/write/issues.js';
import { insertSeedNote } from '../../db/write/notes.js';
import { insertOrganization } from '../../db/write/organizations.js';
import { insertRound } from '../../db/write/rounds.js';
import { insertScale } from '../../db/write/scales.js';

interface OrganizationsFile {
  organizations: { shortName: string; fullName: string; kind: OrganizationKind; fullNameAssumed: boolean }[];
}
interface RoundFile {
  round: { label: string; title: string; asOf: string; meetingDate: string };
  scale: { name: string; ranks: (ScaleRank & { order: number })[] };
}
interface VersionJson {
  label: string;
  asOf: string;
  number: number;
  fields: { title: string; content?: string; background?: string; actions?: string; progress?: string };
  remarks?: string;
}
interface BExampleFile {
  organization: string;
  assumptionNote: string;
  level: Level;
  versions: VersionJson[];
  comparisonNote: string;
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(sampleDir(), name), 'utf8')) as T;

export interface AIssueLine {
  organization: string;
  number: number;
  title: string;
  rank: string;
}

/** The published list 局名 / 番号 / 課題名 / ランク. */
export function readAIssues(): AIssueLine[] {
  const lines = readFileSync(join(sampleDir(), 'a-issues.tsv'), 'utf8').trimEnd().split('\n').slice(1);
  return lines.map((line) => {
    const [organization, number, title, rank] = line.split('\t');
    return { organization: organization!, number: Number(number), title: title!, rank: rank! };
  });
}

export const readBExample = (): BExampleFile => readJson<BExampleFile>('b-example.json');

/** Fills an empty database with the sample, in one transaction. */
export function seedSample(db: Db, actor: string): void {
  const { sqlite } = db;
  const orgs = readJson<OrganizationsFile>('organizations.json').organizations;
  const roundFile = readJson<RoundFile>('round.json');
  const b = readBExample();
  writeTransaction(sqlite, () => {
    if (hasIssues(sqlite)) throw new DbError('CONFLICT', 'データベースは空ではありません。サンプルは空のデータベースにだけ作成できます');
    const orgId = new Map<string, number>();
    orgs.forEach((o, i) => orgId.set(o.shortName, insertOrganization(sqlite, { ...o, displayOrder: i + 1 })));
    const scaleId = insertScale(sqlite, {
      name: roundFile.scale.name,
      ranks: roundFile.scale.ranks.map((r) => ({ value: r.value, label: r.label, definition: r.definition, sortOrder: r.order })),
    });
    const roundId = insertRound(sqlite, { ...roundFile.round, scaleId });
    const at = nowIso();
    for (const a of readAIssues()) {
      const id = insertIssue(sqlite, { organizationId: orgId.get(a.organization)!, level: 'A', number: a.number, title: a.title });
      insertSeedEvaluation(sqlite, { issueId: id, roundId, rank: a.rank, actor, at });
    }
    const [first] = b.versions;
    const bId = insertIssue(sqlite, {
      organizationId: orgId.get(b.organization)!,
      level: b.level,
      number: first!.number,
      title: first!.fields.title,
      dataNote: b.assumptionNote,
    });
    const versionIds: number[] = [];
    for (const v of b.versions) {
      versionIds.push(insertVersion(sqlite, bId, {
        label: v.label,
        asOf: v.asOf,
        number: v.number,
        title: v.fields.title,
        content: v.fields.content ?? null,
        background: v.fields.background ?? null,
        actions: v.fields.actions ?? null,
        progress: v.fields.progress ?? null,
        remarks: v.remarks ?? null,
      }));
    }
    // The dashed box of the document: the secretariat's note on the R6.8 → R6.11 comparison.
    insertSeedNote(sqlite, { issueId: bId, fromVersionId: versionIds[0]!, toVersionId: versionIds[1]!, note: b.comparisonNote, actor, at });
    recordChange(sqlite, { actor, action: 'sample.load', entity: 'database', after: { issues: 133, round: roundFile.round.label } });
  });
}
