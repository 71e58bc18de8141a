// Collecting an inquiry's returns: each changed issue gets a version with the inquiry's label,
// conflicts follow the user's choices (no choice = not written), and every accepted form is
// marked returned — after a verified backup, in one transaction, recorded as one import that
// undoImport can take back as a whole.
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/open.js';
import { DbError } from '../../../db/errors.js';
import { takeBackup } from '../backups/take-backup.js';
import { emptyChangeSet, type ChangeSet, type ImportMeta } from '../../../db/write/change-set.js';
import { collectInquiry } from '../../../db/write/inquiries.js';
import { currentIssues } from './form-content.js';
import { fieldsHash, storedText } from './form-fields.js';
import { analyseReturns, type PreviewOptions } from './preview-returns.js';
import type { ReturnContext } from './return-context.js';
import type { CollectResult, ConflictChoice, FilePreview, ReturnFile, ReturnsPreview } from './return-types.js';

export interface CollectOptions extends PreviewOptions {
  /** Per conflicting issue id: 'theirs' writes the bureau's text, 'skip' keeps the secretariat's. */
  choices?: Record<number | string, ConflictChoice>;
  /** The choice for every conflict not in `choices` (the CLI's --theirs); default: none (not written). */
  otherConflicts?: ConflictChoice;
  actor: string;
  /** Decide everything, write nothing. */
  dryRun?: boolean;
}

type Written = CollectResult['written'][number];
type Skipped = CollectResult['skipped'][number];

function decide(preview: ReturnsPreview, context: ReturnContext, choices: CollectOptions['choices'] = {}, otherConflicts?: ConflictChoice) {
  const set: ChangeSet = emptyChangeSet();
  const written: Written[] = [];
  const skipped: Skipped[] = [];
  const accepted = preview.files.filter((f) => f.status === 'accepted');
  for (const file of accepted) {
    for (const row of file.rows) {
      if ((row.status !== 'changed' && row.status !== 'conflict') || row.issueId === null || !row.fields) continue;
      const issueId = row.issueId;
      if (row.status === 'conflict') {
        const choice = choices[issueId] ?? otherConflicts;
        if (choice !== 'theirs') {
          const reason = choice === 'skip' ? '「取り込まない」を選んだため、事務局の内容のままにしました' : '競合の選択がないため取り込みませんでした';
          skipped.push({ issueId, key: row.key!, fileName: file.fileName, row: row.row, reason });
          continue;
        }
      }
      const current = context.current.get(issueId)!;
      // An issue's title follows its latest version; for an issue with no version yet, the title
      // change is recorded on its own too, so that undoing the import restores the old title.
      if (current.versionId === null && row.fields.title !== current.fields.title) set.titles.push({ issueId, title: row.fields.title });
      set.versions.push({
        issue: { id: issueId },
        label: preview.inquiry.label,
        asOf: preview.inquiry.asOf,
        // The number is the secretariat's: the form shows it but does not let bureaus change it.
        number: current.number,
        title: row.fields.title,
        content: storedText(row.fields.content),
        background: storedText(row.fields.background),
        actions: storedText(row.fields.actions),
        progress: storedText(row.fields.progress),
      });
      written.push({ issueId, key: row.key!, title: row.fields.title, fileName: file.fileName, row: row.row, replacesVersion: row.replacesVersion, fields: row.changes.map((c) => c.key) });
    }
  }
  return { set, written, skipped, accepted };
}

/** One line naming every file that cannot be taken, for when none can. */
const refusals = (files: FilePreview[]) => files.map((f) => f.message ?? `「${f.fileName}」は取り込めません`).join(' / ');

/** The import's SHA-256: of the files' own hashes, in order, so it names exactly this set of files. */
const combinedSha256 = (files: FilePreview[]) =>
  createHash('sha256')
    .update(files.map((f) => `${f.sha256}  ${f.fileName}`).join('\n'))
    .digest('hex');

export async function collectReturns(db: Db, files: ReturnFile[], options: CollectOptions): Promise<CollectResult> {
  const { sqlite } = db;
  const { preview, context } = await analyseReturns(db, files, options);
  const { set, written, skipped, accepted } = decide(preview, context, options.choices, options.otherConflicts);
  if (!accepted.length) throw new DbError('INVALID', `取り込める回答がありません: ${refusals(preview.files)}`);
  const returnedForms = accepted.map((f) => ({ formId: f.formId!, organization: f.organization!, fileName: f.fileName }));
  const result = { inquiryId: preview.inquiry.id, label: preview.inquiry.label, written, skipped, returnedForms, preview };
  if (options.dryRun) return { ...result, dryRun: true, importId: null, backupPath: null };

  const meta: ImportMeta = {
    kind: 'inquiry',
    fileName: accepted.map((f) => f.fileName).join(', '),
    sha256: combinedSha256(accepted),
    actor: options.actor,
    versionLabel: preview.inquiry.label,
    inquiryId: preview.inquiry.id,
    // Nothing new is created by a return; skipped conflicts count as not taken, like rejected rows.
    counts: { new: 0, changed: written.length, unchanged: preview.counts.unchanged, rejected: preview.counts.rejected + skipped.length },
  };
  const backupPath = await takeBackup(db, 'import');
  const importId = collectInquiry(sqlite, {
    inquiryId: preview.inquiry.id,
    set,
    meta,
    backupPath,
    forms: returnedForms,
    versions: written.length,
    skipped: skipped.length,
    // The files were read while other windows could write: what is written must still rest on
    // what the preview saw, or the conflict check would be stale.
    verify: () => {
      const now = currentIssues(sqlite, written.map((w) => w.issueId));
      const moved = written.filter((w) => {
        const seen = context.current.get(w.issueId)!;
        const n = now.get(w.issueId);
        return !n || n.versionId !== seen.versionId || fieldsHash(n.fields) !== fieldsHash(seen.fields);
      });
      if (moved.length) {
        throw new DbError('CONFLICT', `確認の間に ${moved.map((m) => m.key).join(', ')} が変更されました。もう一度プレビューしてから取り込んでください`);
      }
    },
  });
  return { ...result, dryRun: false, importId, backupPath };
}
