// The board of one inquiry: which 局区 have returned their form, when and in which file.
import type { InquiryBoard } from '../../../../electron/contract/channels';
import { formatWarekiDateTime } from '../../../../common/wareki';

export function InquiryBoardTable({ board }: { board: NonNullable<InquiryBoard['inquiry']> }) {
  const when = (iso: string | null) => (iso ? formatWarekiDateTime(new Date(iso)) : '');
  return (
    <table className="inquiry-board" aria-label="回答状況">
      <thead>
        <tr>
          <th scope="col">局区</th>
          <th scope="col">課題数</th>
          <th scope="col">様式</th>
          <th scope="col">回答</th>
          <th scope="col">回答ファイル</th>
        </tr>
      </thead>
      <tbody>
        {board.rows.map((r) => (
          <tr key={r.formId} className={r.returned ? 'returned' : 'waiting'}>
            <th scope="row">
              {r.organization} <span className="muted small">{r.organizationFullName}</span>
            </th>
            <td className="num">{r.issues}</td>
            <td className="small">{r.fileName}</td>
            <td>{r.returned ? `回答済み ${when(r.returnedAt)}` : '未回答'}</td>
            <td className="small">{r.returnFileName ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
