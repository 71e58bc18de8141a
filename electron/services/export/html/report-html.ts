// The progress report as HTML (body only): the document's layout — summary table, rank
// definitions, then the list whose caption 「Aレベルの課題の分析結果一覧」 and column names sit
// in <thead>, which Chromium repeats at the top of every printed page.
import { signed, type ReportModel, type SummaryRow } from '../model/report-model.js';
import { esc } from './escape.js';
import { carriedNote } from '../model/carried.js';
import { titleBlock } from './document.js';
import { COLUMNS, colgroup } from '../layout.js';

function summaryRows(model: ReportModel, row: SummaryRow): string {
  const cells = row.counts.map((n) => `<td class="num">${n}</td>`).join('');
  const unranked = model.showUnranked ? `<td class="num">${row.unranked}</td>` : '';
  const main = `<tr><th scope="row">${esc(row.levelLabel)}</th><td class="num">${row.total}</td>${cells}${unranked}</tr>`;
  if (!row.delta || !model.previousRound) return main;
  const d = row.delta;
  const dCells = d.counts.map((n) => `<td class="num">${signed(n)}</td>`).join('');
  const dUnranked = model.showUnranked ? `<td class="num">${signed(d.unranked)}</td>` : '';
  return `${main}<tr class="delta"><th scope="row">増減 (前回 ${esc(model.previousRound.label)} 比)</th><td class="num">${signed(d.total)}</td>${dCells}${dUnranked}</tr>`;
}

function summaryTable(model: ReportModel): string {
  const rankHeads = model.ranks.map((r) => `<th scope="col">${esc(r.label)}</th>`).join('');
  const unranked = model.showUnranked ? '<th scope="col">未評価</th>' : '';
  // The label column has its share; the number columns split the rest equally (fixed layout).
  const numberCols = '<col>'.repeat(1 + model.ranks.length + (model.showUnranked ? 1 : 0));
  return `<table class="print-summary"><colgroup><col class="p${COLUMNS.summaryLabel}">${numberCols}</colgroup>
<thead><tr><th scope="col">課題レベル</th><th scope="col">総数</th>${rankHeads}${unranked}</tr></thead>
<tbody>${model.summary.map((r) => summaryRows(model, r)).join('')}</tbody></table>`;
}

/** At most `limit` list rows (the in-app preview shows a part of long lists). */
export function reportBody(model: ReportModel, limit = Infinity): string {
  const definitions = model.ranks.map((r) => `<p>【${esc(r.label)}】 ${esc(r.definition)}</p>`).join('');
  let left = limit;
  const lists = model.lists
    .map((list) => {
      const shown = list.rows.slice(0, Math.max(0, left));
      left -= shown.length;
      const rows = shown
        .map((r) => `<tr><td class="center">${esc(r.organization)}</td><td class="center">${r.number}</td><td>${esc(r.title)}</td><td class="center">${esc(r.rank)}</td></tr>`)
        .join('');
      const more = list.rows.length > shown.length ? `<p class="preview-more">…ほか ${list.rows.length - shown.length} 件 (保存するファイルにはすべて入ります)</p>` : '';
      return `<table class="list">${colgroup(COLUMNS.reportList)}
<thead><tr><th class="caption" colspan="4">${esc(list.caption)}</th></tr>
<tr><th scope="col">局名</th><th scope="col">番号</th><th scope="col">課題名</th><th scope="col">ランク</th></tr></thead>
<tbody>${rows}</tbody></table>${more}`;
    })
    .join('');
  return `${titleBlock(model.meta)}
<h2>${esc(model.purposeHeading)}</h2><p>${esc(model.purpose)}</p>
<h2>${esc(model.scopeHeading)}</h2><p>${esc(model.scopeLine)}</p>
${summaryTable(model)}
<div class="definitions">${definitions}</div>
${lists}${model.carried ? `<p class="carried-note">${esc(carriedNote(model.carried))}</p>` : ''}`;
}
