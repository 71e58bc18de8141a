// The bar under a preview that reads a file: its step and how far (「読み込み中… 1,200 / 5,000 行」),
// and 中止. Shared by the import dialog and the 照会 returns panel.
import type { JobStatus } from '../../../../electron/contract/channels';
import './preview-job.css';

/** The step and, where it counts rows or files, how many of how many. */
export function previewProgressText(s: JobStatus): string {
  const { phase, done, total, unit } = s.progress;
  return unit ? `${phase} ${done.toLocaleString('ja-JP')} / ${total.toLocaleString('ja-JP')} ${unit}` : phase;
}

export function PreviewProgress({ status, label, onCancel }: { status: JobStatus; label: string; onCancel(): void }) {
  const { done, total } = status.progress;
  return (
    <div className="preview-progress" role="status" aria-label={label}>
      <progress max={Math.max(1, total)} value={Math.min(done, total)} aria-label={label} />
      <span className="preview-progress-text">{previewProgressText(status)}</span>
      {status.cancellable && (
        <button type="button" onClick={onCancel}>
          中止
        </button>
      )}
    </div>
  );
}
