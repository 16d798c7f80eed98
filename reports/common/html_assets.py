"""Inline CSS and JavaScript for the HTML report (no network: everything ships in the page)."""

from __future__ import annotations

FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif'
)

CSS = """
:root { --dropped: #fde2e1; --added: #e3f5e4; --moved: #ffe9c7; --reassigned: #ece6fa;
  --partial: #fff8d6; --line: #d8dbe0; --muted: #667085; }
* { box-sizing: border-box; }
body { font-family: FONTS; margin: 0 auto; padding: 1.5rem; max-width: 1400px; color: #1d2433;
  line-height: 1.6; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: .35rem .55rem; vertical-align: top; text-align: left; }
th { background: #f4f5f7; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.notes { background: #fff4e5; border-left: 4px solid #f79009; padding: .5rem 1rem; }
.summary { display: flex; gap: 1rem; flex-wrap: wrap; }
.summary table { min-width: 14rem; }
.bar { display: inline-flex; width: 12rem; height: .8rem; border: 1px solid var(--line); }
.bar span { display: block; height: 100%; }
.bar .carried { background: #3e8e5e; } .bar .partial { background: #e0b400; }
.bar .dropped { background: #d92d20; }
.filters { display: flex; gap: .4rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
.filters button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 1rem;
  padding: .15rem .8rem; cursor: pointer; }
.filters button[aria-pressed="true"] { background: #1d2433; color: #fff; border-color: #1d2433; }
.filters .count { color: var(--muted); margin-left: .3rem; }
.filters button[aria-pressed="true"] .count { color: #d0d5dd; }
#shown { color: var(--muted); }
table.sxs { width: 100%; table-layout: fixed; }
table.sxs col.no { width: 4%; } table.sxs col.side { width: 33%; } table.sxs col.mid { width: 10%; }
table.sxs col.notes { width: 20%; }
tr.section th { background: #ededed; } tr.section.depth-0 th { background: #d9d9d9; }
td.notes p { margin: 0 0 .3rem; font-size: .9em; }
.entry { margin: .6rem 0; } .entry h3 { font-size: 1rem; margin: .2rem 0; }
tr.tone-dropped td.parent, tr.tone-dropped td.mid { background: var(--dropped); }
tr.tone-added td.child, tr.tone-added td.mid { background: var(--added); }
tr.tone-moved td { background: var(--moved); }
tr.tone-reassigned td.mid { background: var(--reassigned); }
tr.tone-partial td.parent { background: var(--partial); }
.meta { color: var(--muted); font-size: .85em; }
.label { font-weight: 600; color: #1d2433; }
.owners, .note { color: var(--muted); font-size: .85em; margin-top: .25rem; }
.empty { color: var(--muted); font-style: italic; }
.badge { display: inline-block; font-size: .75em; border-radius: .6rem; padding: 0 .5rem; margin: 0 .2rem .2rem 0;
  border: 1px solid var(--line); background: #fff; white-space: nowrap; }
.badge.carried, .badge.inherited { border-color: #3e8e5e; color: #26643f; }
.badge.partial, .badge.modified { border-color: #b58a00; color: #7a5d00; }
.badge.dropped { background: #d92d20; border-color: #d92d20; color: #fff; }
.badge.added { background: #2e7d4f; border-color: #2e7d4f; color: #fff; }
.badge.moved { background: #f79009; border-color: #f79009; color: #fff; }
.badge.merged, .badge.split, .badge.owners_changed { background: #6941c6; border-color: #6941c6; color: #fff; }
.score { color: var(--muted); font-size: .8em; font-variant-numeric: tabular-nums; }
del { background: #fbd5d2; color: #8a1c14; text-decoration: line-through; }
ins { background: #d3f0d9; color: #14532d; text-decoration: none; font-weight: 600; }
.clause + .clause { margin-left: .1em; }
svg text { font-family: FONTS; font-size: 12px; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85em; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.45; }
  .filters, #shown, footer { display: none !important; }
  tr[hidden] { display: table-row !important; }
  tr, .entry, li.entry, .summary table, svg { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3, tr.section { break-after: avoid; page-break-after: avoid; }
  del, ins, mark, .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
""".replace("FONTS", FONTS)

JS = """
(function () {
  var buttons = document.querySelectorAll('.filters button');
  var rows = document.querySelectorAll('table.sxs tbody tr[data-status]');
  var shown = document.getElementById('shown');
  function apply(filter) {
    var n = 0;
    rows.forEach(function (row) {
      var keep = filter === 'all' || row.dataset.status.split(' ').indexOf(filter) >= 0;
      row.hidden = !keep;
      if (keep) { n += 1; }
    });
    buttons.forEach(function (b) {
      b.setAttribute('aria-pressed', b.dataset.filter === filter ? 'true' : 'false');
    });
    shown.textContent = n + ' / ' + rows.length;
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () { apply(b.dataset.filter); });
  });
  apply('all');
})();
"""
