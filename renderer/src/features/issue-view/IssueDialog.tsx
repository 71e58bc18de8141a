// One issue opened from a list (ランク変動): what it says (the latest ①–⑤), its rank in every round,
// and ◀ / ▶ through the list it was opened from, so a reviewer can read the moved issues in turn.
import { useEffect, useRef, useState } from 'react';
import { VERSION_FIELDS } from '../../../../common/fields';
import { formatWarekiPeriod } from '../../../../common/wareki';
import type { IssueDetail } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { useModal } from '../../lib/useModal';
import { RankHistory } from '../issue-panel/RankHistory';

export interface IssueDialogProps {
  issueId: number;
  roundId: number;
  /** 「3 / 12 件目」 */
  position: string;
  onPrev: (() => void) | null;
  onNext: (() => void) | null;
  onCompare(issueId: number): void;
  onClose(): void;
}

export function IssueDialog({ issueId, roundId, position, onPrev, onNext, onCompare, onClose }: IssueDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [issue, setIssue] = useState<IssueDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useModal(ref);
  useEffect(() => {
    let live = true;
    invoke('issues.get', { issueId, roundId })
      .then((d) => {
        if (!live) return;
        setIssue(d);
        setProblem(null);
      })
      .catch((e: unknown) => live && setProblem(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [issueId, roundId]);

  const version = issue?.versions.at(-1) ?? null;
  return (
    <dialog
      ref={ref}
      className="dialog issue-dialog"
      aria-labelledby="issue-dialog-title"
      onClose={onClose}
      onKeyDown={(e) => {
        if (e.key === 'PageUp' && onPrev) {
          e.preventDefault();
          onPrev();
        } else if (e.key === 'PageDown' && onNext) {
          e.preventDefault();
          onNext();
        }
      }}
    >
      <header className="issue-dialog-head">
        <h2 id="issue-dialog-title">
          <span className="issue-key">{issue?.key ?? ''}</span> {issue?.title ?? '課題'}
        </h2>
        <div className="compare-nav" role="group" aria-label="課題の移動">
          <button type="button" disabled={!onPrev} onClick={() => onPrev?.()} title="PageUp">
            ◀ 前の課題
          </button>
          <span className="muted small">{position}</span>
          <button type="button" disabled={!onNext} onClick={() => onNext?.()} title="PageDown">
            次の課題 ▶
          </button>
        </div>
        {issue && issue.versions.length >= 2 && (
          <button type="button" onClick={() => onCompare(issue.id)}>
            版を比較
          </button>
        )}
        <button type="button" onClick={() => ref.current?.close()}>
          閉じる (Esc)
        </button>
      </header>
      {problem && (
        <p className="notice" role="status">
          {problem}
        </p>
      )}
      {issue && (
        <div className="issue-dialog-body">
          <p className="muted">
            {issue.organizationFullName} ・ レベル{issue.level}
          </p>
          <RankHistory issueId={issue.id} roundId={roundId} version={issue.updatedAt ?? ''} />
          <section aria-label="課題の内容">
            <h3>
              X方針の記載 {version && <span className="muted small">{version.label} ({formatWarekiPeriod(version.asOf)}時点)</span>}
            </h3>
            {version ? (
              <dl className="fields">
                {VERSION_FIELDS.map((f) => (
                  <div key={f.key} className="field">
                    <dt>
                      {f.mark} {f.label}
                    </dt>
                    <dd>{version[f.key] ?? <span className="muted">(記載なし)</span>}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="muted small">この課題には②〜⑤の記載(版)がまだ登録されていません。</p>
            )}
          </section>
        </div>
      )}
    </dialog>
  );
}
