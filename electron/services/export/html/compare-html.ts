// Comparison sheets as HTML (body only): per issue a three-column table — 項目 | old | new —
// with deletions struck through on the left and insertions underlined on the right, and the
// secretariat's note in a dashed box, one sheet per page.
import type { DiffPart } from '../../compare/text-diff.js';
import type { CompareModel, ComparisonSheet } from '../model/compare-model.js';
import { esc } from './escape.js';
import { titleBlock } from './document.js';

function side(parts: DiffPart[], which: 'old' | 'new'): string {
  return parts
    .map((p) => {
      if (p.op === 'equal') return esc(p.text);
      if (which === 'old' && p.op === 'delete') return `<del>${esc(p.text)}</del>`;
      if (which === 'new' && p.op === 'insert') return `<ins>${esc(p.text)}</ins>`;
      return '';
    })
    .join('');
}

function sheet(s: ComparisonSheet): string {
  const numberBadge = s.numberChanged ? '<span class="badge">番号変更</span>' : '';
  const rows = s.fields
    .map((f) => {
      const left = f.status === 'new' ? '<span class="muted">(新規)</span>' : side(f.parts, 'old');
      const right = f.status === 'removed' ? '<span class="muted">(削除)</span>' : side(f.parts, 'new');
      return `<tr><th scope="row">${esc(f.mark)} ${esc(f.label)}</th><td class="text">${left}</td><td class="text">${right}</td></tr>`;
    })
    .join('');
  const note = s.note ? `<div class="note"><div class="note-title">事務局メモ</div>${esc(s.note)}</div>` : '';
  return `<section class="sheet">
<h2>${esc(s.organizationFullName)} (${esc(s.organization)}) ${esc(s.to.printedNumber)} ${esc(s.title)}</h2>
<p class="legend">下線=追加、取消線=削除</p>
<table class="compare"><colgroup><col class="w12"><col class="w44"><col class="w44"></colgroup>
<thead><tr><th scope="col">項目</th><th scope="col">${esc(s.from.heading)}<div class="muted">${esc(s.from.period)}</div></th><th scope="col">${esc(s.to.heading)}<div class="muted">${esc(s.to.period)}</div></th></tr></thead>
<tbody><tr><th scope="row">課題番号</th><td>${esc(s.from.printedNumber)}</td><td>${esc(s.to.printedNumber)}${numberBadge}</td></tr>${rows}</tbody></table>
${note}</section>`;
}

export function compareBody(model: CompareModel, limit = Infinity): string {
  const shown = model.sheets.slice(0, limit);
  const more = model.sheets.length > shown.length ? `<p class="preview-more">…ほか ${model.sheets.length - shown.length} 課題 (保存するファイルにはすべて入ります)</p>` : '';
  return `${titleBlock(model.meta)}${shown.map(sheet).join('')}${more}`;
}
