// One of ①–⑤ in the reading pane: its ・ bullets as a list (the text is stored as it came),
// search terms marked.
import { memo } from 'react';
import { highlight } from '../../lib/highlight';
import { splitBullets } from './bullets';

/** Memoised: a rank key or a 所見 re-renders the pane, not its long texts. */
export const FieldText = memo(function FieldText({ text, marks }: { text: string; marks: RegExp | null }) {
  const { lead, items } = splitBullets(text);
  if (items.length === 0) return <>{highlight(text, marks)}</>;
  return (
    <>
      {lead && <p className="field-lead">{highlight(lead, marks)}</p>}
      <ul className="bullets">
        {items.map((item, i) => (
          <li key={i}>{highlight(item, marks)}</li>
        ))}
      </ul>
    </>
  );
});
