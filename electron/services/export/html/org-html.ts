// Per-organization sheets as HTML (body only): one section per 局区, each on its own page.
import type { OrgModel, OrgSection } from '../model/org-model.js';
import { esc } from './escape.js';
import { carriedNote } from '../model/carried.js';
import { titleBlock } from './document.js';
import { colgroup, orgColumns } from '../layout.js';

export function countsLine(model: OrgModel, s: OrgSection): string {
  const parts = model.round.ranks.map((r, i) => `${r.label} ${s.counts[i] ?? 0}件`);
  if (s.unranked > 0) parts.push(`未評価 ${s.unranked}件`);
  return parts.join(' / ');
}

function section(model: OrgModel, s: OrgSection, limit: number): string {
  const rows = s.rows
    .slice(0, limit)
    .map(
      (r) =>
        `<tr><td class="center">${esc(r.level)}</td><td class="center">${r.number}</td><td>${esc(r.title)}</td><td class="center">${esc(r.rankLabel)}</td><td class="text">${esc(r.comment)}</td></tr>`,
    )
    .join('');
  return `<section class="org-section">
<h2>${esc(s.organization.fullName)} (${esc(s.organization.shortName)})</h2>
<p class="counts">${esc(countsLine(model, s))}</p>
<table>${colgroup(orgColumns(s.rows))}
<thead><tr><th scope="col">レベル</th><th scope="col">番号</th><th scope="col">課題名</th><th scope="col">ランク</th><th scope="col">所見</th></tr></thead>
<tbody>${rows}</tbody></table>${s.carried ? `<p class="carried-note">${esc(carriedNote(s.carried))}</p>` : ''}</section>`;
}

export function orgBody(model: OrgModel, limit = Infinity): string {
  const shown = model.sections.slice(0, limit);
  const more = model.sections.length > shown.length ? `<p class="preview-more">…ほか ${model.sections.length - shown.length} 局区 (保存するファイルにはすべて入ります)</p>` : '';
  return `${titleBlock(model.meta)}${shown.map((s) => section(model, s, Infinity)).join('')}${more}`;
}
