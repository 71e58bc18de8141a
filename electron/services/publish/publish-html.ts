// The publication as static, accessible HTML (JIS X 8341-3:2016 AA = WCAG 2.0 AA): no script,
// lang="ja", one heading outline per page (h1 → h2), every table with a caption and th scope,
// ranks in words (ランク2), relative links only, a print stylesheet; in the comparisons the
// deletions and insertions are said in text for screen readers (「削除ここから」…), not only by
// strike-through and underline.
import { formatWarekiDateTime, formatWarekiPeriod } from '../../../common/wareki.js';
import type { DiffPart } from '../compare/text-diff.js';
import { esc } from '../export/html/escape.js';
import type { PublishedComparison, PublishedIssue, PublishedOrg, PublishModel } from './publish-model.js';
import { OPEN_DATA_FILE, DEFINITION_FILE } from './open-data.js';

export const STYLE_FILE = 'style.css';

export const STYLE = `/* X方針の進捗状況: screen and print */
:root { color: #1a1a1a; background: #fff; font-family: 'BIZ UDゴシック', 'BIZ UDGothic', 'Noto Sans CJK JP', sans-serif; line-height: 1.7; }
body { max-width: 60rem; margin: 0 auto; padding: 1rem; line-break: strict; overflow-wrap: break-word; }
a { color: #0645ad; }
a:focus { outline: 3px solid #b35900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { position: static; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
th, td { border: 1px solid #595959; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
thead th { background: #e6e6e6; }
td.num { text-align: right; }
col.item { width: 10rem; }
.field { white-space: pre-wrap; }
del { color: #a00000; text-decoration: line-through; }
ins { color: #0645ad; text-decoration: underline; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.note { border: 1px dashed #595959; padding: 0.5rem 1rem; white-space: pre-wrap; }
nav ul { padding-left: 1.2rem; }
footer { margin-top: 2rem; font-size: 0.9rem; color: #4d4d4d; }
@media print {
  :root { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  .skip, nav.crumbs { display: none; }
  a { color: #000; text-decoration: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;

const labels = new WeakMap<PublishModel, Map<string, string>>();
const rankWords = (m: PublishModel, rank: string | null, carried: boolean): string => {
  if (rank === null) return '未評価';
  let byValue = labels.get(m);
  if (!byValue) labels.set(m, (byValue = new Map(m.round.ranks.map((r) => [r.value, r.label]))));
  const label = byValue.get(rank) ?? `ランク${rank}`;
  return carried ? `${label} (繰越・未確認)` : label;
};

function page(m: PublishModel, title: string, body: string, home: boolean): string {
  const crumbs = home ? '' : `<nav class="crumbs" aria-label="現在位置"><a href="index.html">${esc(m.round.title)} X方針の進捗状況</a> &gt; ${esc(title)}</nav>`;
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${STYLE_FILE}">
</head>
<body>
<a class="skip" href="#main">本文へ移動</a>
<header>${crumbs}</header>
<main id="main">
${body}
</main>
<footer><p>${esc(m.round.title)} の評価 (${m.round.meetingDate ? `${esc(formatWarekiPeriod(m.round.meetingDate))} X会議で報告` : '公表'})</p></footer>
</body>
</html>
`;
}

function summaryTable(m: PublishModel): string {
  const levels = [...new Set(m.orgs.flatMap((o) => o.issues.map((i) => i.level)))].sort();
  const head = m.round.ranks.map((r) => `<th scope="col">${esc(r.label)}</th>`).join('');
  const rows = levels
    .map((level) => {
      const issues = m.orgs.flatMap((o) => o.issues.filter((i) => i.level === level));
      const count = (v: string | null) => issues.filter((i) => (i.ranks.get(m.round.id)?.rank ?? null) === v).length;
      return `<tr><th scope="row">${esc(level)}レベル</th><td class="num">${issues.length}</td>${m.round.ranks.map((r) => `<td class="num">${count(r.value)}</td>`).join('')}<td class="num">${count(null)}</td></tr>`;
    })
    .join('');
  return `<table><caption>総括表 (課題レベル別の件数、${esc(m.round.title)})</caption>
<thead><tr><th scope="col">課題レベル</th><th scope="col">総数</th>${head}<th scope="col">未評価</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function orgList(m: PublishModel): string {
  const rows = m.orgs
    .map((o) => {
      const counts = m.round.ranks.map((r) => `<td class="num">${o.issues.filter((i) => i.ranks.get(m.round.id)?.rank === r.value).length}</td>`).join('');
      return `<tr><th scope="row"><a href="${o.file}">${esc(o.org.fullName)}</a></th><td class="num">${o.issues.length}</td>${counts}</tr>`;
    })
    .join('');
  return `<table><caption>局区別の課題数とランク別の件数</caption>
<thead><tr><th scope="col">局区</th><th scope="col">課題数</th>${m.round.ranks.map((r) => `<th scope="col">${esc(r.label)}</th>`).join('')}</tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function indexPage(m: PublishModel): string {
  const definitions = m.round.ranks.map((r) => `<dt>${esc(r.label)}</dt><dd>${esc(r.definition)}</dd>`).join('');
  const comparisons = m.comparisons.length
    ? `<h2>B・Cレベルの課題の比較</h2><ul>${m.comparisons.map((c) => `<li><a href="${c.file}">${esc(c.organization)} ${esc(c.toNumber)} ${esc(c.title)} (${esc(c.fromLabel)} と ${esc(c.toLabel)} の比較)</a></li>`).join('')}</ul>`
    : '';
  const meeting = m.round.meetingDate ? `<p>${esc(formatWarekiPeriod(m.round.meetingDate))} X会議で報告した内容です。</p>` : '';
  const body = `<h1>${esc(m.round.title)} 局区X方針の進捗状況</h1>
${meeting}<p>各局区の変革課題 (X方針) について、取組みによって課題の解決にどの程度近づいたかを、事務局でランク付けしました。</p>
<h2>総括表</h2>
${summaryTable(m)}
<h2>ランクの定義</h2>
<dl>${definitions}</dl>
<h2>局区別の一覧</h2>
${orgList(m)}
${comparisons}
<h2>オープンデータ</h2>
<ul><li><a href="${OPEN_DATA_FILE}">進捗状況のデータ (CSV形式、UTF-8)</a></li><li><a href="${DEFINITION_FILE}">項目定義書 (CSV形式、UTF-8)</a></li></ul>`;
  return page(m, `${m.round.title} 局区X方針の進捗状況`, body, true);
}

function issueRow(m: PublishModel, i: PublishedIssue): string {
  const e = i.ranks.get(m.round.id);
  const extra = [
    m.options.comments ? `<td class="field">${esc(e?.comment ?? '')}</td>` : '',
    m.options.history ? `<td>${esc(e?.updatedBy ?? '')}</td><td>${e?.updatedAt ? esc(formatWarekiDateTime(new Date(e.updatedAt))) : ''}</td>` : '',
  ].join('');
  return `<tr><td>${esc(i.level)}</td><td class="num">${i.number}</td><th scope="row">${esc(i.title)}</th><td>${esc(rankWords(m, e?.rank ?? null, e?.carried ?? false))}</td>${extra}</tr>`;
}

export function orgPage(m: PublishModel, o: PublishedOrg): string {
  const extraHead = [m.options.comments ? '<th scope="col">所見</th>' : '', m.options.history ? '<th scope="col">更新者</th><th scope="col">更新日時</th>' : ''].join('');
  const body = `<h1>${esc(o.org.fullName)} X方針の進捗状況</h1>
<p>${esc(m.round.title)}の評価です。ランクの意味は<a href="index.html">一覧のページ</a>の「ランクの定義」をご覧ください。</p>
<h2>変革課題とランク</h2>
<table><caption>${esc(o.org.fullName)}の変革課題 (${o.issues.length}件) とランク</caption>
<thead><tr><th scope="col">レベル</th><th scope="col">番号</th><th scope="col">課題名</th><th scope="col">ランク</th>${extraHead}</tr></thead>
<tbody>${o.issues.map((i) => issueRow(m, i)).join('')}</tbody></table>`;
  return page(m, `${o.org.fullName} X方針の進捗状況`, body, false);
}

/** One side of a comparison with the changes said in words for screen readers. */
function marked(parts: DiffPart[], side: 'old' | 'new'): string {
  return parts
    .map((p) => {
      if (p.op === 'equal') return esc(p.text);
      if (side === 'old' && p.op === 'delete') return `<del><span class="sr">[削除ここから]</span>${esc(p.text)}<span class="sr">[削除ここまで]</span></del>`;
      if (side === 'new' && p.op === 'insert') return `<ins><span class="sr">[追加ここから]</span>${esc(p.text)}<span class="sr">[追加ここまで]</span></ins>`;
      return '';
    })
    .join('');
}

export function comparisonPage(m: PublishModel, c: PublishedComparison): string {
  const rows = c.fields
    .map((f) => {
      const left = f.status === 'new' ? '(記載なし)' : marked(f.parts, 'old');
      const right = f.status === 'removed' ? '(記載なし)' : marked(f.parts, 'new');
      return `<tr><th scope="row">${esc(f.mark)} ${esc(f.label)}</th><td class="field">${left}</td><td class="field">${right}</td></tr>`;
    })
    .join('');
  const note = c.note ? `<h2>事務局メモ</h2><div class="note">${esc(c.note)}</div>` : '';
  const body = `<h1>${esc(c.organization)} ${esc(c.toNumber)} ${esc(c.title)}</h1>
<p>${esc(c.fromLabel)}時点と${esc(c.toLabel)}時点の記載を比べたものです。削除した箇所は取消線、追加した箇所は下線で示し、読み上げでは「削除ここから」「追加ここから」などとお知らせします。</p>
<h2>記載の比較</h2>
<table><caption>${esc(c.title)}: ${esc(c.fromLabel)}時点と${esc(c.toLabel)}時点の比較</caption>
<colgroup><col class="item"><col><col></colgroup>
<thead><tr><th scope="col">項目</th><th scope="col">${esc(c.fromLabel)}時点</th><th scope="col">${esc(c.toLabel)}時点</th></tr></thead>
<tbody><tr><th scope="row">課題番号</th><td>${esc(c.fromNumber)}</td><td>${esc(c.toNumber)}</td></tr>${rows}</tbody></table>
${note}`;
  return page(m, `${c.organization} ${c.toNumber} ${c.title} (比較)`, body, false);
}

