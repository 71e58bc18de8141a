// The print preview: the export's HTML on a sheet of the chosen paper, in the chosen font, with
// the same print stylesheet the PDF uses. The HTML comes from the export service, escaped and
// script-free (and the page's CSP would block any script).
import { useEffect, useRef, useState } from 'react';
import type { ExportPreview as Preview } from '../../../../electron/contract/channels';
import '../../../../resources/print/print.css';

const MM_TO_PX = 96 / 25.4;

export function ExportPreview({ preview, loading }: { preview: Preview | null; loading: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  const pagePx = preview ? preview.widthMm * MM_TO_PX : 0;
  useEffect(() => {
    const el = box.current;
    if (!el || !pagePx) return;
    const fit = () => setScale(Math.min(1, (el.clientWidth - 32) / pagePx));
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, [pagePx]);
  return (
    // Focusable: the preview scrolls, and keyboard users scroll it with the arrow keys.
    <section className="export-preview" aria-label="印刷プレビュー" aria-busy={loading} ref={box} tabIndex={0}>
      {!preview && <p className="muted">{loading ? 'プレビューを作成しています…' : '条件を選ぶとプレビューが表示されます'}</p>}
      {preview && (
        <>
          <p className="muted small">
            {preview.paper}・{preview.orientation === 'portrait' ? '縦' : '横'} / 縮小 {Math.round(scale * 100)}%
            {preview.truncated && ' / プレビューは一部のみ (保存するファイルにはすべて入ります)'}
          </p>
          <div className="paper-frame" style={{ width: pagePx * scale }}>
            <div
              className="paper"
              style={{ width: `${preview.widthMm}mm`, zoom: scale, fontFamily: preview.fontFamily }}
            >
              {/* Escaped, script-free HTML from the export service (see html/escape.ts). */}
              <div className={`print-doc paper-${preview.paper}`} dangerouslySetInnerHTML={{ __html: preview.html }} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
