// The side panel: the selected issue's fields ①–⑤ (latest version, or another chosen one)
// beside its rank and 所見 controls, so the reader ranks while reading.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { VERSION_FIELDS } from '../../../../common/fields';
import { formatWarekiPeriod } from '../../../../common/wareki';
import type { IssueDetail, Round } from '../../../../electron/contract/channels';
import { formatDateTime } from '../../lib/format';
import { rovingKeys } from '../../lib/roving';
import { IssueHistory } from './IssueHistory';
import { RankHistory } from './RankHistory';
import { FieldText } from './FieldText';
import { highlight } from '../../lib/highlight';
import { IssueSyncInfo } from '../sync/IssueSyncInfo';

export interface IssuePanelProps {
  issue: IssueDetail | null;
  round: Round | null;
  onRank(rank: string | null): void;
  onComment(comment: string): void;
  /** Called when the comment editor is left with Enter or Escape: focus goes back to the grid. */
  onDone(): void;
  /** Opens the comparison of the issue's versions (shown when it has two or more). */
  onCompare(): void;
  commentRef: React.RefObject<HTMLTextAreaElement | null>;
  /** Search terms to mark in the texts. */
  marks: RegExp | null;
  /** The pane's width (the splitter's). */
  width: number;
}

export function IssuePanel({ issue, round, onRank, onComment, onDone, onCompare, commentRef, marks, width }: IssuePanelProps) {
  const [versionId, setVersionId] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const editing = useRef(false);
  /** Set by Escape: the blur that follows leaves without saving. */
  const cancelled = useRef(false);

  useEffect(() => {
    setVersionId(null);
  }, [issue?.id]);
  useEffect(() => {
    if (!editing.current) setDraft(issue?.comment ?? '');
  }, [issue?.id, issue?.comment]);

  if (!issue || !round) {
    return (
      <aside className="panel" aria-label="課題の詳細" style={{ width }}>
        <p className="muted">一覧で課題を選ぶと、ここに内容が表示されます。</p>
      </aside>
    );
  }

  const version = issue.versions.find((v) => v.id === versionId) ?? issue.versions.at(-1) ?? null;
  const locked = round.lockedAt !== null;
  const commit = () => {
    editing.current = false;
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    if (draft !== issue.comment) onComment(draft);
  };
  const onCommentKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Like Excel: Enter confirms, Alt+Enter breaks the line, Escape cancels.
    if (e.key === 'Enter' && !e.altKey && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      commit();
      onDone();
    } else if (e.key === 'Enter' && e.altKey) {
      e.preventDefault();
      const t = e.currentTarget;
      const next = `${draft.slice(0, t.selectionStart)}\n${draft.slice(t.selectionEnd)}`;
      const caret = t.selectionStart + 1;
      setDraft(next);
      requestAnimationFrame(() => t.setSelectionRange(caret, caret));
    } else if (e.key === 'Escape') {
      // Like Excel: Escape leaves the cell as it was. The blur that follows must not save.
      e.preventDefault();
      e.stopPropagation();
      cancelled.current = true;
      editing.current = false;
      setDraft(issue.comment);
      onDone();
    }
  };

  return (
    <aside className="panel" aria-label="課題の詳細" style={{ width }}>
      <header className="panel-head">
        <div className="issue-key">
          {issue.key} <span className="muted">{issue.organizationFullName} ・ レベル{issue.level}</span>
        </div>
        <h2 className="issue-title">{highlight(issue.title, marks)}</h2>
        {issue.dataNote && <p className="data-note">※ {issue.dataNote}</p>}
      </header>

      <section className="evaluation" aria-label={`評価 (${round.label})`}>
        <h3>
          評価 <span className="muted">{round.label}</span>
          {locked && (
            <>
              {' '}
              <span className="lock-badge">ロック中</span> <span className="muted small">変更できません</span>
            </>
          )}
        </h3>
        {issue.carried && !locked && (
          <p className="carried-note">
            <span className="carried-badge">繰越</span> 前の評価回のランクをそのまま写したものです。
            <button type="button" onClick={() => onRank(issue.rank)}>
              このランクで確定
            </button>
          </p>
        )}
        <div role="radiogroup" aria-label="ランク" className="rank-buttons" onKeyDown={rovingKeys('[role=radio]')}>
          {round.ranks.map((r, i) => (
            <button
              key={r.value}
              type="button"
              role="radio"
              aria-checked={issue.rank === r.value}
              // One Tab stop for the group: the checked rank, or the first when none is.
              tabIndex={issue.rank === r.value || (i === 0 && !round.ranks.some((x) => x.value === issue.rank)) ? 0 : -1}
              className={issue.rank === r.value ? 'rank on' : 'rank'}
              title={r.definition}
              disabled={locked}
              // On a carried rank, pressing it again confirms it rather than clearing it.
              onClick={() => onRank(issue.rank === r.value && !issue.carried ? null : r.value)}
            >
              {r.label}
            </button>
          ))}
        </div>
        <p className="rank-definition">
          {round.ranks.find((r) => r.value === issue.rank)?.definition ?? '未評価'}
        </p>
        <label className="comment">
          <span>所見</span>
          <textarea
            ref={commentRef}
            value={draft}
            rows={2}
            maxLength={4000}
            readOnly={locked}
            onFocus={() => {
              editing.current = true;
              cancelled.current = false;
            }}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commit}
            onKeyDown={onCommentKey}
            placeholder="Enterで確定、Alt+Enterで改行、Escで取消"
          />
        </label>
        {issue.updatedBy && (
          <p className="muted small">
            最終更新: {issue.updatedBy} ・ {formatDateTime(issue.updatedAt)}
          </p>
        )}
      </section>

      <IssueSyncInfo issueId={issue.id} roundId={round.id} version={`${issue.rank ?? ''}|${issue.comment}|${issue.updatedAt ?? ''}`} />

      <section className="version" aria-label="課題の内容">
        <div className="version-head">
          <h3>X方針の記載</h3>
          {issue.versions.length >= 2 && (
            <button type="button" onClick={onCompare} title="2つの版を項目ごとに比較します (キー: D)">
              版を比較
            </button>
          )}
          {issue.versions.length > 0 && (
            <label>
              版{' '}
              <select value={version?.id ?? ''} onChange={(e) => setVersionId(Number(e.target.value))}>
                {issue.versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label} ({formatWarekiPeriod(v.asOf)}時点)
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {version ? (
          <>
            <p className="muted small">
              課題{issue.level} ({version.number}) {version.remarks && `・ ${version.remarks}`}
            </p>
            <dl className="fields">
              {VERSION_FIELDS.map((f) => (
                <div key={f.key} className="field">
                  <dt>
                    {f.mark} {f.label}
                  </dt>
                  <dd>{version[f.key] ? <FieldText text={version[f.key]!} marks={marks} /> : <span className="muted">(記載なし)</span>}</dd>
                </div>
              ))}
            </dl>
          </>
        ) : (
          <>
          <dl className="fields">
            <div className="field">
              <dt>① 課題名</dt>
              <dd>{highlight(issue.title, marks)}</dd>
            </div>
          </dl>
          <p className="muted small">この課題には②〜⑤の記載(版)がまだ登録されていません。</p>
        </>
        )}
      </section>
      <RankHistory issueId={issue.id} roundId={round.id} version={`${issue.rank ?? ''}|${issue.carried}|${issue.updatedAt ?? ''}`} />
      <IssueHistory issueId={issue.id} version={`${issue.updatedAt ?? ''}|${issue.rank ?? ''}|${issue.comment}`} />
    </aside>
  );
}
