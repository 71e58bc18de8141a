// Drizzle schema of the workbench database. Migrations in db/migrations are generated from this
// file by drizzle-kit (`npm run db:generate`) and committed; the FTS index is a custom migration.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** 局区: a bureau, ward or committee. */
export const organizations = sqliteTable(
  'organizations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    shortName: text('short_name').notNull(),
    fullName: text('full_name').notNull(),
    kind: text('kind', { enum: ['局', '区', '委員会等'] }).notNull(),
    displayOrder: integer('display_order').notNull(),
    /** The full name was inferred, not printed in the source document. */
    fullNameAssumed: integer('full_name_assumed', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('organizations_short_name_uq').on(t.shortName),
    // Lets the grid's default order (局区 order, level, number) come straight from indexes.
    index('organizations_order_ix').on(t.displayOrder, t.id),
    check('organizations_kind_ck', sql`${t.kind} in ('局','区','委員会等')`),
    check('organizations_short_name_ck', sql`length(trim(${t.shortName})) > 0`),
  ],
);

/** ランク基準: a named scale; its ranks are rows of scale_ranks. */
export const scales = sqliteTable('scales', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
});

export const scaleRanks = sqliteTable(
  'scale_ranks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scaleId: integer('scale_id')
      .notNull()
      .references(() => scales.id, { onDelete: 'restrict' }),
    /** What is stored in evaluations.rank and typed by the user ("3", "完了", "S" …). */
    value: text('value').notNull(),
    label: text('label').notNull(),
    definition: text('definition').notNull(),
    /** Higher is further along; used for sorting and for 増減. */
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [uniqueIndex('scale_ranks_value_uq').on(t.scaleId, t.value)],
);

/** 評価回: one evaluation round, named by its label (R6.11). */
export const rounds = sqliteTable(
  'rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    label: text('label').notNull(),
    title: text('title').notNull(),
    /** As-of period, ISO 'YYYY-MM' or 'YYYY-MM-DD'. */
    asOf: text('as_of').notNull(),
    /** Date of the X会議 where the round is reported, ISO date, if known. */
    meetingDate: text('meeting_date'),
    scaleId: integer('scale_id')
      .notNull()
      .references(() => scales.id, { onDelete: 'restrict' }),
    lockedAt: text('locked_at'),
    /** Who locked the round (shown beside the lock; the audit log has the full story). */
    lockedBy: text('locked_by'),
  },
  (t) => [uniqueIndex('rounds_label_uq').on(t.label)],
);

/** 変革課題: the stable identity of an issue; number and title are as last printed. */
export const issues = sqliteTable(
  'issues',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    uid: text('uid').notNull(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    level: text('level', { enum: ['A', 'B', 'C'] }).notNull(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    /** Binary-comparable Japanese collation key of the title (db/sort-key.ts). */
    titleSort: text('title_sort').notNull(),
    /** Free remark on the data itself, e.g. that an attribution is an assumption. */
    dataNote: text('data_note'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('issues_uid_uq').on(t.uid),
    uniqueIndex('issues_key_uq').on(t.organizationId, t.level, t.number),
    index('issues_title_sort_ix').on(t.titleSort),
    check('issues_level_ck', sql`${t.level} in ('A','B','C')`),
    check('issues_number_ck', sql`${t.number} > 0`),
  ],
);

/** 版: the text fields ①–⑤ of an issue as they stood at one point (R6.8, R6.11 …). */
export const issueVersions = sqliteTable(
  'issue_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'restrict' }),
    label: text('label').notNull(),
    asOf: text('as_of').notNull(),
    /** The issue number as printed in this version (課題B (2) in R6.8, 課題B (4) in R6.11). */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    content: text('content'),
    background: text('background'),
    actions: text('actions'),
    progress: text('progress'),
    remarks: text('remarks'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('issue_versions_label_uq').on(t.issueId, t.label)],
);

/** 評価: one issue's rank and 所見 in one round. */
export const evaluations = sqliteTable(
  'evaluations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'restrict' }),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'restrict' }),
    rank: text('rank'),
    comment: text('comment').notNull().default(''),
    commentSort: text('comment_sort').notNull().default(''),
    updatedBy: text('updated_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** 繰越: the rank was carried over from the previous round and nobody has confirmed it yet. */
    carried: integer('carried', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('evaluations_issue_round_uq').on(t.issueId, t.roundId),
    // Covers the per-issue look-ups of the summary and the chart view (rank and 繰越 of one issue
    // in one round) without reading the evaluation rows, whose 所見 make them wide.
    index('evaluations_issue_round_rank_ix').on(t.issueId, t.roundId, t.rank, t.carried),
    // Covers the rank filter without reading evaluation rows.
    index('evaluations_round_rank_issue_ix').on(t.roundId, t.rank, t.issueId),
    // Only unconfirmed carried rows: counts, the 繰越 filter and "confirm all" read just these.
    index('evaluations_carried_ix').on(t.roundId, t.issueId).where(sql`${t.carried} = 1`),
  ],
);

/** Every change, with who, when, what, before and after (JSON). Append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    issueId: integer('issue_id'),
    roundId: integer('round_id'),
    before: text('before'),
    after: text('after'),
    /** For an undo entry: the audit entry it reverted. */
    revertsId: integer('reverts_id'),
  },
  (t) => [
    index('audit_log_at_ix').on(t.at),
    index('audit_log_issue_ix').on(t.issueId, t.id),
    index('audit_log_actor_ix').on(t.actor, t.at),
    // The audit screen filters by round and by kind of change, newest first (keyset on at, id).
    index('audit_log_round_ix').on(t.roundId, t.at),
    index('audit_log_entity_ix').on(t.entity, t.at),
    // "Has this entry been undone?" without scanning the log.
    index('audit_log_reverts_ix').on(t.revertsId).where(sql`${t.revertsId} IS NOT NULL`),
  ],
);

/** Key/value settings, values as JSON validated by electron/services/settings.ts. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** The secretariat's note on one comparison (the dashed box): per issue and version pair. */
export const comparisonNotes = sqliteTable(
  'comparison_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'restrict' }),
    fromVersionId: integer('from_version_id')
      .notNull()
      .references(() => issueVersions.id, { onDelete: 'restrict' }),
    toVersionId: integer('to_version_id')
      .notNull()
      .references(() => issueVersions.id, { onDelete: 'restrict' }),
    note: text('note').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('comparison_notes_pair_uq').on(t.issueId, t.fromVersionId, t.toVersionId)],
);

/** 記載チェック: what each field must contain, as rules the secretariat edits. */
export const writingRules = sqliteTable(
  'writing_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    /** title | content | background | actions | progress, or 'content+background' for similarity. */
    field: text('field').notNull(),
    /** Kind-specific parameters as JSON (minimum length, threshold, words …). */
    params: text('params').notNull().default('{}'),
    /** Shown with each finding; Japanese. */
    message: text('message').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [check('writing_rules_kind_ck', sql`length(${t.kind}) > 0`)],
);

/**
 * One import (a list file or an inquiry's returns), committed in one transaction after a
 * backup. Its row-level changes are in import_changes so the whole import can be undone.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** 'list' (a file the secretariat had) or 'inquiry' (returns of an inquiry). */
    kind: text('kind', { enum: ['list', 'inquiry'] }).notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
    roundId: integer('round_id').references(() => rounds.id, { onDelete: 'restrict' }),
    versionLabel: text('version_label'),
    inquiryId: integer('inquiry_id'),
    /** JSON: { new, changed, unchanged, rejected }. */
    counts: text('counts').notNull(),
    backupPath: text('backup_path'),
    undoneAt: text('undone_at'),
    undoneBy: text('undone_by'),
  },
  (t) => [index('imports_at_ix').on(t.at)],
);

/** What one import changed, row by row: before/after as JSON (null before = inserted). */
export const importChanges = sqliteTable(
  'import_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    /** organization | issue | version | evaluation */
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    before: text('before'),
    after: text('after').notNull(),
  },
  (t) => [index('import_changes_import_ix').on(t.importId, t.id)],
);

/** 照会: one inquiry sent to the bureaus (forms generated per 局区, returns collected). */
export const inquiries = sqliteTable(
  'inquiries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Random id written into every form; a return from another inquiry is recognised by it. */
    uid: text('uid').notNull(),
    /** The version label the returns become (R6.11). */
    label: text('label').notNull(),
    title: text('title').notNull(),
    /** Secret for the forms' key signatures (HMAC); never leaves the database. */
    secret: text('secret').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('inquiries_uid_uq').on(t.uid)],
);

/** One 局区's form of an inquiry and its return. */
export const inquiryForms = sqliteTable(
  'inquiry_forms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    inquiryId: integer('inquiry_id')
      .notNull()
      .references(() => inquiries.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    fileName: text('file_name').notNull(),
    generatedAt: text('generated_at').notNull(),
    returnedAt: text('returned_at'),
    returnFileName: text('return_file_name'),
    importId: integer('import_id').references(() => imports.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('inquiry_forms_org_uq').on(t.inquiryId, t.organizationId)],
);

/** The version each issue had when its form was generated: what a return is compared with. */
export const inquiryItems = sqliteTable(
  'inquiry_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    formId: integer('form_id')
      .notNull()
      .references(() => inquiryForms.id, { onDelete: 'cascade' }),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    /** Latest version at generation, or null when the issue had none. */
    baseVersionId: integer('base_version_id'),
    /** Hash of the fields as sent (title + ①–⑤), to recognise "unchanged". */
    baseHash: text('base_hash').notNull(),
  },
  (t) => [uniqueIndex('inquiry_items_uq').on(t.formId, t.issueId)],
);

/**
 * Team sync (issue 12): every field-level change record, this PC's and the others', by its global
 * id. The same set on every PC; the merged value of a field is computed from it (db/write/sync-apply.ts).
 */
export const syncRecords = sqliteTable(
  'sync_records',
  {
    id: text('id').primaryKey(),
    hlc: text('hlc').notNull(),
    actorUser: text('actor_user').notNull(),
    actorPc: text('actor_pc').notNull(),
    action: text('action').notNull(),
    kind: text('kind').notNull(),
    /** Stable key of the row as canonical JSON (issue uid, round label …), never local row ids. */
    key: text('key').notNull(),
    field: text('field').notNull(),
    before: text('before'),
    after: text('after'),
    batch: text('batch'),
    /** JSON array of record ids a conflict resolution settles. */
    supersedes: text('supersedes'),
    /** The issue uid of the key, if any: an issue arriving (or merged) re-applies its rows' records. */
    issue: text('issue'),
    /** The round label of the key, if any: a round arriving re-applies its evaluations. */
    round: text('round'),
  },
  (t) => [
    index('sync_records_field_ix').on(t.kind, t.key, t.field, t.hlc),
    index('sync_records_hlc_ix').on(t.hlc),
    index('sync_records_issue_ix').on(t.issue),
    index('sync_records_round_ix').on(t.round),
    // Issue creations by the key they were created with (two PCs creating one 局区 + レベル + 番号).
    index('sync_records_creation_ix')
      .on(sql`json_extract(${t.after}, '$.org')`, sql`json_extract(${t.after}, '$.level')`, sql`json_extract(${t.after}, '$.number')`)
      .where(sql`${t.kind} = 'issue' AND ${t.field} = 'row' AND ${t.before} = 'null'`),
  ],
);

/**
 * Two PCs created the same issue key (局区 + レベル + 番号) under two uids: the later-created uid
 * is merged into the earlier one (db/write/sync-structure.ts). Derived from sync_records.
 */
export const syncIssueAliases = sqliteTable('sync_issue_aliases', {
  uid: text('uid').primaryKey(),
  survivor: text('survivor').notNull(),
});

/** This PC's records not yet on the share; batch_seq is assigned when a push begins (re-pushed the same after a crash). */
export const syncOutbox = sqliteTable('sync_outbox', {
  recordId: text('record_id').primaryKey(),
  batchSeq: integer('batch_seq'),
});

/** Fields whose concurrent changes from the same starting value wait for a person (要確認). Derived from sync_records. */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    field: text('field').notNull(),
    /** JSON array of the competing record ids (the heads). */
    heads: text('heads').notNull(),
    issueUid: text('issue_uid'),
  },
  (t) => [uniqueIndex('sync_conflicts_uq').on(t.kind, t.key, t.field), index('sync_conflicts_issue_ix').on(t.issueUid)],
);

/** This PC's sync state (actor id, cursor, clock, last result). Not shared, not in the canonical export. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
