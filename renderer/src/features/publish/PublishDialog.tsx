// 会議資料一式・公表: the X会議 pack (one PDF: cover, 資料1 …, continuous page numbers) and the
// publication for the city's website (a .zip of static pages and open data). The publication
// says before saving what the web team should know — a round that is not locked is warned about —
// and leaves the internal fields out unless they are ticked.
import { useEffect, useRef, useState } from 'react';
import type { PublishCheck, Round } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { JobStatusPanel } from '../export/JobStatusPanel';
import { useJob } from '../export/useExportJob';
import { RoundSelect } from '../rounds/RoundSelect';

type Kind = 'pack' | 'publish';
type Material = 'report' | 'compare' | 'org';
const MATERIALS: [Material, string][] = [
  ['report', '進捗状況の報告'],
  ['compare', '比較表 (B・C)'],
  ['org', '局区別シート'],
];

interface PackInput {
  roundId: number;
  meetingName?: string;
  materials: Material[];
}
interface PublishInput {
  roundId: number;
  comments: boolean;
  notes: boolean;
  history: boolean;
}
type Input = { kind: 'pack'; input: PackInput } | { kind: 'publish'; input: PublishInput };
const begin = (x: Input) => (x.kind === 'pack' ? invoke('pack.start', x.input) : invoke('publish.start', x.input));

export function PublishDialog({ rounds, roundId, onError, onClose }: { rounds: Round[]; roundId: number | null; onError(e: unknown): void; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState<Kind>('pack');
  const [round, setRound] = useState<number | null>(roundId ?? rounds[0]?.id ?? null);
  const [meetingName, setMeetingName] = useState('X会議');
  const [materials, setMaterials] = useState<Material[]>(['report', 'compare', 'org']);
  const [internal, setInternal] = useState({ comments: false, notes: false, history: false });
  const [check, setCheck] = useState<PublishCheck | null>(null);
  const job = useJob(begin, onError);

  useEffect(() => {
    ref.current?.showModal();
  }, []);
  useEffect(() => {
    if (kind !== 'publish' || round === null) return;
    let live = true;
    invoke('publish.check', { roundId: round, ...internal })
      .then((c) => live && setCheck(c))
      .catch(onError);
    return () => {
      live = false;
    };
  }, [kind, round, internal, onError]);

  const toggle = (m: Material) => setMaterials((xs) => (xs.includes(m) ? xs.filter((x) => x !== m) : MATERIALS.map(([k]) => k).filter((k) => k === m || xs.includes(k))));
  const submit = () => {
    if (round === null) return;
    void job.start(kind === 'pack' ? { kind, input: { roundId: round, meetingName: meetingName.trim() || undefined, materials } } : { kind, input: { roundId: round, ...internal } });
  };

  return (
    <dialog ref={ref} className="dialog publish-dialog" aria-label="会議資料一式・公表" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2>会議資料一式・公表</h2>
        <fieldset>
          <legend>作るもの</legend>
          <label className="choice">
            <input type="radio" name="publish-kind" checked={kind === 'pack'} onChange={() => setKind('pack')} /> X会議の資料一式 (表紙・資料番号・通しページ番号付きの1つのPDF)
          </label>
          <label className="choice">
            <input type="radio" name="publish-kind" checked={kind === 'publish'} onChange={() => setKind('publish')} /> 市HPへの公表用 (HTMLページとオープンデータ、.zip)
          </label>
        </fieldset>
        <label>
          評価回
          <RoundSelect rounds={rounds} value={round} onChange={setRound} lockedNote=" (ロック済)" />
        </label>
        {kind === 'pack' && (
          <fieldset>
            <legend>資料 (この順に 資料1, 資料2 …)</legend>
            <label>
              会議の名前 (表紙)
              <input value={meetingName} maxLength={60} onChange={(e) => setMeetingName(e.target.value)} />
            </label>
            {MATERIALS.map(([m, label]) => (
              <label key={m} className="choice">
                <input type="checkbox" checked={materials.includes(m)} onChange={() => toggle(m)} /> {label}
              </label>
            ))}
          </fieldset>
        )}
        {kind === 'publish' && (
          <fieldset>
            <legend>内部の項目 (チェックしたものだけ公表します)</legend>
            <label className="choice">
              <input type="checkbox" checked={internal.comments} onChange={(e) => setInternal({ ...internal, comments: e.target.checked })} /> 所見
            </label>
            <label className="choice">
              <input type="checkbox" checked={internal.notes} onChange={(e) => setInternal({ ...internal, notes: e.target.checked })} /> 比較表の事務局メモ
            </label>
            <label className="choice">
              <input type="checkbox" checked={internal.history} onChange={(e) => setInternal({ ...internal, history: e.target.checked })} /> 更新者・更新日時
            </label>
            {check && check.warnings.length > 0 && (
              <ul role="alert" className="warnings">
                {check.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            )}
          </fieldset>
        )}
        <JobStatusPanel status={job.job} progressLabel="進み具合" />
        <div className="buttons">
          <button type="submit" disabled={round === null || job.running || (kind === 'pack' && materials.length === 0)}>
            {job.running ? '作成しています…' : kind === 'publish' && check && !check.locked ? '警告を確認して保存…' : '保存…'}
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            閉じる
          </button>
        </div>
      </form>
    </dialog>
  );
}
