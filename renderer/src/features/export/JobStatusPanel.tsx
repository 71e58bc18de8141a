// What a dialog that makes a file through a job (資料の出力, 会議資料一式・公表) shows of it:
// the progress bar while it runs, then the failure or where the file went, and its warnings.
import type { JobStatus } from '../../../../electron/contract/channels';

export interface JobStatusPanelProps {
  status: JobStatus | null;
  /** The progress bar's accessible name. */
  progressLabel: string;
  /** Given: 取り消す while a cancellable job runs, and a line saying it was cancelled. */
  onCancel?(): void;
  /** Also says a downloaded file's size, and that the Save dialog was dismissed. */
  detailed?: boolean;
}

export function JobStatusPanel({ status, progressLabel, onCancel, detailed = false }: JobStatusPanelProps) {
  if (!status) return null;
  const done = status.state === 'done' ? status.result : undefined;
  const percent = Math.round((status.progress.done / Math.max(1, status.progress.total)) * 100);
  return (
    <div className="export-status" role="status">
      {status.state === 'running' && (
        <>
          <progress max={100} value={percent} aria-label={progressLabel} /> {status.progress.phase}
          {onCancel && ' '}
          {onCancel && status.cancellable && (
            <button type="button" onClick={onCancel}>
              取り消す
            </button>
          )}
        </>
      )}
      {onCancel && status.state === 'cancelled' && <p>出力を取り消しました (ファイルは作っていません)</p>}
      {status.state === 'failed' && <p className="error">{status.error?.message}</p>}
      {done?.delivery.kind === 'saved' && <p>保存しました: {done.delivery.path}</p>}
      {done?.delivery.kind === 'download' && <p>「{done.fileName}」をダウンロードしました{detailed && ` (${Math.ceil(done.size / 1024)} KB)`}</p>}
      {detailed && done?.delivery.kind === 'cancelled' && <p>保存を取りやめました</p>}
      {done && done.warnings.length > 0 && (
        <ul className="warnings">
          {done.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
