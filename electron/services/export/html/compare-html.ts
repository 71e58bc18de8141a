// Comparison sheets as HTML (body only): per issue a three-column table — 項目 | old | new —
// with deletions struck through on the left and insertions underlined on the right, and the
// secretariat's note in a dashed box, one sheet per page. The heading is what a reader knows
// the issue by (局区名, 課題B (4), the title), with the X会議 it goes to top right, as the Word
// file has it (docx/compare-docx.ts).
import type { DiffPart } from '../../compare/text-diff.js';
import { COLUMNS, colgroup } from '../layout.js';
import type { CompareModel, ComparisonSheet } from '../model/compare-model.js';
import { esc } from './escape.js';

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

/** 財政・変革局 課題B (4) 公共施設マネジメント実行計画の見直し: the sheet's heading in every format. */
export const sheetHeading = (s: ComparisonSheet): string => [s.organizationFullName, s.to.printedNumber, s.title].join('\u3000');

function sheet(s: ComparisonSheet, meta: CompareModel['meta']): string {
  const numberBadge = s.numberChanged ? '<span class="badge">番号変更</span>' : '';
  const rows = s.fields
    .filter((f) => f.status !== 'empty')
    .map((f) => {
      const left = f.status === 'new' ? '<span class="muted">(新規)</span>' : side(f.parts, 'old');
      const right = f.status === 'removed' ? '<span class="muted">(削除)</span>' : side(f.parts, 'new');
      return `<tr><th scope="row">${esc(f.mark)} ${esc(f.label)}</th><td class="text">${left}</td><td class="text">${right}</td></tr>`;
    })
    .join('');
  const note = s.note ? `<div class="note"><div class="note-title">事務局メモ</div>${esc(s.note)}</div>` : '';
  return `<section class="sheet">
${s.meetingLine ? `<p class="meeting">${esc(s.meetingLine)}</p>` : ''}<p class="created">${esc(meta.createdLine)}</p>
<h2>${esc(sheetHeading(s))}</h2>
<p class="legend">凡例: <ins>下線</ins>=追加、<del>取消線</del>=削除</p>
<table class="compare">${colgroup(COLUMNS.compare)}
<thead><tr><th scope="col">項目</th><th scope="col">${esc(s.from.heading)}<div class="muted">${esc(s.from.period)}</div></th><th scope="col">${esc(s.to.heading)}<div class="muted">${esc(s.to.period)}</div></th></tr></thead>
<tbody><tr><th scope="row">課題番号</th><td>${esc(s.from.printedNumber)}</td><td>${esc(s.to.printedNumber)}${numberBadge}</td></tr>${rows}</tbody></table>
${note}</section>`;
}

export function compareBody(model: CompareModel, limit = Infinity): string {
  const shown = model.sheets.slice(0, limit);
  const more = model.sheets.length > shown.length ? `<p class="preview-more">…ほか ${model.sheets.length - shown.length} 課題 (保存するファイルにはすべて入ります)</p>` : '';
  return `${shown.map((s) => sheet(s, model.meta)).join('')}${more}`;
}
