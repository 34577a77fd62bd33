"""The HTML report's inline stylesheet and script (no external resource of any kind).

Fonts come from the system: the stack reaches a CJK face on macOS, Windows and common
Linux desktops (PingFang, YaHei, Noto/Source Han, WenQuanYi) before the generic family.
"""

from __future__ import annotations

PAGE_CSS = r"""
:root {
  --font: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
          "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
          "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
  --bg: #f4f5f8; --panel: #fff; --ink: #1c2230; --muted: #6b7280; --line: #e4e7ee;
  --error: #dc2626; --warning: #d97706; --info: #64748b;
  --radius: 12px; --shadow: 0 1px 2px rgba(16,24,40,.06), 0 4px 16px rgba(16,24,40,.06);
}
.finding, .item { --c: #64748b; --c-bg: rgba(100,116,139,.16); --c-strong: rgba(100,116,139,.32); }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { scroll-behavior: smooth; }
body { margin: 0; font-family: var(--font); color: var(--ink); background: var(--bg);
       font-size: 14px; line-height: 1.5; }
code, .rule { font-family: var(--mono); font-size: 12px; }
h2 { font-size: 15px; margin: 0; }
.top-bar { display: flex; align-items: center; gap: 16px; padding: 12px 24px;
           background: #111827; color: #f9fafb; }
.brand { display: flex; align-items: baseline; gap: 10px; }
.brand b { font-size: 18px; letter-spacing: .3px; }
.brand b span { color: #a5b4fc; }
.brand small { color: #9ca3af; }
.sev-pills { margin-left: auto; display: flex; gap: 6px; }
.pill { font-size: 12px; font-weight: 600; padding: 1px 9px; border-radius: 999px;
        color: #fff; background: var(--s, var(--info)); white-space: nowrap; }
.sev-error { --s: var(--error); }
.sev-warning { --s: var(--warning); }
.sev-info { --s: var(--info); }
.overview { display: grid; grid-template-columns: minmax(220px, 1fr) minmax(0, 2fr); gap: 18px;
            padding: 18px 24px 0; }
.stats { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px;
         align-content: start; }
.stat, .chart-box, .panel, .filters, .errors { background: var(--panel);
  border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); }
.stat { padding: 14px 16px; display: flex; flex-direction: column; gap: 2px; }
.stat b { font-size: 28px; line-height: 1.1; font-variant-numeric: tabular-nums; }
.stat span { color: var(--muted); font-size: 12.5px; }
.stat.bad b { color: var(--error); }
.chart-box { padding: 12px 16px; min-width: 0; }
.chart-box h2 { margin-bottom: 6px; }
.filters { position: sticky; top: 0; z-index: 5; margin: 18px 24px 0; padding: 10px 16px;
           display: flex; flex-direction: column; gap: 8px; }
.fgroup { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.flabel { width: 72px; color: var(--muted); font-size: 12.5px; }
.chip { display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px 3px 6px;
        border-radius: 999px; border: 1px solid var(--line); background: #fff; cursor: pointer;
        font-size: 12.5px; user-select: none; }
.chip input { margin: 0; accent-color: var(--s, var(--c)); }
.chip .dot { width: 9px; height: 9px; border-radius: 50%; background: var(--s, var(--c)); }
.chip .n { color: var(--muted); font-variant-numeric: tabular-nums; }
.chip:has(input:not(:checked)) { opacity: .5; }
.chip:has(input:not(:checked)) .dot { background: transparent; border: 1px solid var(--muted); }
main { padding: 18px 24px; display: flex; flex-direction: column; gap: 22px; }
.errors { padding: 12px 16px; border-left: 4px solid var(--error); }
.errors h2 { color: var(--error); }
.errors ul { margin: 6px 0 0; padding-left: 18px; }
.file-head { display: flex; align-items: center; flex-wrap: wrap; gap: 10px; margin-bottom: 10px; }
.file-head h2 { font-family: var(--mono); font-size: 14px; overflow-wrap: anywhere; }
.file-head .meta { color: var(--muted); font-size: 12px; }
.file-head .count { margin-left: auto; color: var(--muted); font-size: 12.5px; }
.cols { display: grid; grid-template-columns: minmax(0, 1.45fr) minmax(320px, 1fr); gap: 18px;
        align-items: start; }
.list-panel { position: sticky; top: 96px; max-height: calc(100vh - 110px); overflow: auto; }
.transcript { margin: 0; padding: 10px 18px 10px 56px; font-size: 15.5px; line-height: 1.95;
              list-style: decimal; }
.transcript.timed { list-style: none; padding-left: 112px; }
.transcript > li { position: relative; white-space: pre-wrap; overflow-wrap: anywhere;
                   min-height: 1.95em; }
.transcript:not(.timed) > li::marker { content: counter(list-item) "  "; color: #9aa1ad;
                                       font-family: var(--mono); font-size: 11.5px; }
.transcript > li::before, .transcript > li[data-s]::after {
  position: absolute; right: 100%; margin-right: 12px; width: 96px; text-align: right;
  color: #9aa1ad; font-family: var(--mono); font-size: 11.5px; line-height: 1.4;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.transcript > li[data-n]::before { content: attr(data-n); top: 8px; }
.transcript > li[data-s]::after { content: attr(data-s); top: 27px; font-family: var(--font);
                                  color: var(--muted); }
.transcript > li[data-s] { min-height: 3.3em; }
.transcript > li:hover { background: #fafbfc; }
.finding { color: inherit; background: var(--c-bg); border-radius: 3px; padding: 1px 0;
           border-bottom: 2px solid var(--c); cursor: pointer; }
.finding.sev-warning { border-bottom-style: dashed; }
.finding.sev-info { border-bottom-style: dotted; }
.finding .finding { background: var(--c-strong); }
.finding.flash, .finding:hover { background: var(--c-strong);
  box-shadow: 0 0 0 2px var(--c-bg); }
.finding.off { background: transparent; border-bottom-color: transparent; box-shadow: none;
               cursor: text; }
.findings { list-style: none; margin: 0; padding: 10px 12px 14px; display: flex;
            flex-direction: column; gap: 10px; }
.item { border: 1px solid var(--line); border-left: 4px solid var(--c); border-radius: 10px;
        padding: 10px 12px; background: #fff; cursor: pointer; transition: box-shadow .15s; }
.item:hover { box-shadow: var(--shadow); }
.item.flash { box-shadow: 0 0 0 2px var(--c); }
.item.off { display: none; }
.item > .badge, .item > .rule, .item > .cat, .item > .loc { margin-right: 6px;
                                                              vertical-align: middle; }
.badge { font-size: 11px; font-weight: 700; padding: 1px 7px; border-radius: 5px; color: #fff;
         background: var(--s); text-transform: uppercase; letter-spacing: .3px; }
.item .rule { color: var(--muted); }
.item .cat, .rule-def .cat { font-size: 12px; color: var(--c); font-weight: 600; }
.item .loc { font-family: var(--mono); font-size: 11.5px; color: var(--muted); }
.item a.loc { text-decoration: none; }
.item a.loc:hover { text-decoration: underline; }
.item .when { float: right; margin-left: 8px; font-size: 12px; color: var(--muted);
              font-variant-numeric: tabular-nums; }
.item h3 { margin: 6px 0 2px; font-size: 14px; }
.item p { margin: 4px 0; }
.quote q { quotes: "“" "”"; font-weight: 600; background: var(--c-bg); border-radius: 3px;
           padding: 0 3px; }
.msg { color: #374151; }
.msg b { background: var(--c-bg); border-radius: 3px; padding: 0 2px; }
.rule-def .msg { color: var(--muted); }
.law { font-size: 12.5px; color: var(--muted); }
.lbl { display: inline-block; font-size: 11px; font-weight: 600; color: var(--muted);
       text-transform: uppercase; letter-spacing: .3px; margin-right: 4px; }
.sugs { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; align-items: center; }
.sug { border: 1px dashed #a5b4fc; background: #eef2ff; color: #3730a3; border-radius: 6px;
       padding: 1px 8px; font-size: 12.5px; }
.sug.fix { border: 1px solid #86efac; background: #f0fdf4; color: #166534; }
.note { font-size: 12px; color: #9a3412; }
.none-shown, .empty { color: var(--muted); padding: 10px 16px; margin: 0; }
.file.clean details { background: var(--panel); border: 1px solid var(--line);
                      border-radius: var(--radius); }
.file.clean summary { padding: 8px 14px; cursor: pointer; color: var(--muted); }
.file.clean .panel { border: 0; box-shadow: none; }
.rules { padding: 12px 16px; }
.rule-defs { margin: 8px 0 0; display: grid; gap: 8px; }
.rule-def { --c: #64748b; border-left: 3px solid var(--c); padding: 2px 10px; }
.rule-def dt { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
.rule-def dt .n { color: var(--muted); font-size: 12px; }
.rule-def dd { margin: 2px 0 0; }
.rule-def p { margin: 2px 0; }
footer { padding: 8px 24px 28px; color: var(--muted); font-size: 12px; }
@media (max-width: 900px) {
  .overview, .cols { grid-template-columns: minmax(0, 1fr); }
  .list-panel { position: static; max-height: none; }
}
@media print {
  .filters, .sev-pills { display: none; }
  body { background: #fff; }
  .top-bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .list-panel { position: static; max-height: none; overflow: visible; }
  .overview { grid-template-columns: minmax(0, 1fr) minmax(0, 2fr); }
  .cols { grid-template-columns: minmax(0, 1fr); }
  .stat, .chart-box, .item, .rule-def, .transcript > li { break-inside: avoid; }
  section.file, .rules { break-before: page; }
  .stat, .chart-box, .panel, .errors { box-shadow: none; }
  .finding, .msg b { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

PAGE_JS = r"""
(function () {
  "use strict";
  var all = function (sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  };
  var boxes = all('.filters input[type="checkbox"]');
  var msg = window.MSG || {};
  function fmt(key, values) {
    return String(msg[key] || '').replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  /* The rule table holds what the findings of a rule share (severity, title, category,
     the wording of the message around the matched words, law, related articles,
     replacements, advice): put it beside each finding that has no part of its own; a
     rule read two ways (by product) has an entry per way, its findings a data-v. */
  var copy = function (el) { return el.cloneNode(true); };
  var PARTS = ['.law:not(.also)', '.law.also', '.sugs', '.advice', '.note:not(.advice)'];
  function fill(item, def, i) {  /* the entry's parts of kind i, unless the item has its own */
    if (item.querySelector(':scope > ' + PARTS[i])) return;
    var before = null;
    for (var j = i + 1; j < PARTS.length && !before; j++) {
      before = item.querySelector(':scope > ' + PARTS[j]);
    }
    all(':scope > dd > ' + PARTS[i], def).forEach(function (part) {
      item.insertBefore(copy(part), before);
    });
  }
  all('.item').forEach(function (item) {
    var v = item.dataset.v;
    var def = document.getElementById('r-' + item.dataset.rule + (v ? '~' + v : ''));
    if (!def || item.hasAttribute('data-own')) return;
    var text = item.querySelector('.msg[data-t]');
    if (text) {
      var pre = def.querySelector('dd .pre'), post = def.querySelector('dd .post');
      if (pre) text.insertBefore(document.createTextNode(pre.textContent), text.firstChild);
      if (post) text.appendChild(document.createTextNode(post.textContent));
    }
    if (!item.querySelector('h3')) {
      var title = document.createElement('h3');
      title.textContent = def.querySelector('dt b').textContent;
      item.insertBefore(title, item.querySelector(':scope > p'));
    }
    if (!item.querySelector('.badge')) {
      item.insertBefore(copy(def.querySelector('dt .badge')), item.firstChild);
    }
    item.querySelector('.rule').after(copy(def.querySelector('dt .cat')));
    for (var i = 0; i < 4; i++) fill(item, def, i);
  });

  function apply() {
    var hidden = boxes.filter(function (b) { return !b.checked; })
      .map(function (b) { return b.dataset.class; });
    var off = function (el) {
      return hidden.some(function (c) { return el.classList.contains(c); });
    };
    all('.item, .transcript .finding').forEach(function (el) {
      el.classList.toggle('off', off(el));
    });
    all('.bars .bar[data-category]').forEach(function (bar) {
      bar.classList.toggle('off', off(bar));
    });
    all('section.file').forEach(function (sec) {
      var items = all('.item', sec);
      if (!items.length) return;
      var shown = items.filter(function (i) { return !i.classList.contains('off'); }).length;
      var count = sec.querySelector('.count');
      count.textContent = shown === items.length
        ? fmt(items.length === 1 ? 'count_one' : 'count', { n: items.length })
        : fmt('count_shown', { shown: shown, total: items.length });
      var none = sec.querySelector('.none-shown');
      if (none) none.hidden = shown > 0;
    });
  }

  function flash(els) {
    els.forEach(function (el) {
      el.classList.remove('flash');
      void el.offsetWidth;
      el.classList.add('flash');
      setTimeout(function () { el.classList.remove('flash'); }, 1600);
    });
  }

  function keyOf(mark) { return mark.dataset.finding || mark.id.slice(2); }

  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  /* A highlight names its rule when hovered: the words come from its finding's card. */
  document.addEventListener('mouseover', function (ev) {
    var mark = ev.target.closest && ev.target.closest('.transcript .finding');
    if (!mark || mark.title) return;
    var item = document.getElementById(keyOf(mark));
    var title = item && item.querySelector('h3');
    if (item && title) mark.title = item.dataset.rule + ' · ' + title.textContent;
  });
  document.addEventListener('click', function (ev) {
    var mark = ev.target.closest('.transcript .finding');
    if (mark && !mark.classList.contains('off')) {
      var item = document.getElementById(keyOf(mark));
      if (item) {
        item.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
        flash([item]);
      }
      return;
    }
    var card = ev.target.closest('.item');
    if (card) {
      var first = document.getElementById('m-' + card.id);
      var pieces = (first ? [first] : [])
        .concat(all('.transcript [data-finding="' + card.id + '"]'));
      if (pieces.length) {
        if (!ev.target.closest('a')) {
          pieces[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
        }
        flash(pieces);
      }
    }
  });
  apply();
})();
"""
