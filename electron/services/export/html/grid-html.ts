// The in-app preview of a grid export (.xlsx / CSV): the first rows as a table.
import type { GridModel } from '../model/grid-model.js';
import { esc } from './escape.js';

export function gridBody(model: GridModel, limit = 200): string {
  const head = model.columns.map((c) => `<th scope="col">${esc(c.header)}</th>`).join('');
  const rows = model.rows
    .slice(0, limit)
    .map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`)
    .join('');
  const more = model.rows.length > limit ? `<p class="preview-more">…ほか ${model.rows.length - limit} 行 (保存するファイルにはすべて入ります)</p>` : '';
  return `<h3>${esc(model.filterLine)} — ${model.rows.length} 件</h3>
<table><colgroup>${model.columns.map((c) => `<col class="g-${c.key}">`).join('')}</colgroup>
<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${more}`;
}
