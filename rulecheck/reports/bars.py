"""Horizontal bar charts in plain HTML and CSS, shared by the check and audit reports.

An SVG of fixed width overflowed narrow cards and cut off the longest bar; these bars
are grid rows that take the width of their card, whatever it is, on screen and on
paper. Each bar is scaled to the largest count shown (which is always shown), keeps
room for its count, and a long label is cut with an ellipsis and given in full in
the bar's title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BARS_CSS = r"""
.bars { display: flex; flex-direction: column; gap: 3px; min-width: 0; margin: 4px 0; }
.bar { display: grid; grid-template-columns: minmax(5em, var(--lw, 36%)) minmax(0, 1fr); gap: 8px;
       align-items: center; min-width: 0; color: inherit; text-decoration: none;
       border-radius: 4px; padding: 1px 2px; }
a.bar:hover { background: #f4f5f8; }
.bar .bl { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; text-align: right;
           font-size: 12.5px; min-width: 0; }
.bar .bt { display: flex; align-items: center; gap: 6px; min-width: 0; height: 18px;
           background: linear-gradient(#f1f3f7, #f1f3f7) no-repeat left center /
                       calc(100% - 4.5em) 14px;
           -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar .bf { flex: none; height: 14px; border-radius: 3px; background: var(--c, #2563eb);
           width: calc((100% - 4.5em) * var(--f)); min-width: var(--min, 0px);
           -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar .bn { flex: none; font-size: 12px; color: var(--muted, #6b7280);
           font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar.off { opacity: .3; }
.bars-note { color: var(--muted, #6b7280); font-size: 12px; margin: 2px 0 0; }
"""


@dataclass(frozen=True)
class Bar:
    """One bar: its label, count and colour; ``href`` makes it a link."""

    label: str
    count: int
    color: str
    title: str = ""
    href: str | None = None
    classes: str = ""
    attrs: tuple[tuple[str, str], ...] = ()


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def bar_chart(bars: Sequence[Bar], *, label: str, empty: str, label_width: int = 36) -> str:
    """The bars, each scaled to the largest count; ``empty`` when there are none.
    ``label_width``: the share of the card's width (percent) the labels may take."""
    if not bars:
        return f'<p class="bars-note">{_e(empty)}</p>'
    top = max([1, *(b.count for b in bars)])
    rows = []
    for b in bars:
        fraction = b.count / top
        style = f"--f:{fraction:.4f};--c:{b.color}" + (";--min:2px" if b.count else "")
        tag = "a" if b.href else "div"
        href = f' href="{_e(b.href)}"' if b.href else ""
        extra = "".join(f' {k}="{_e(v)}"' for k, v in b.attrs)
        title = b.title or f"{b.label}: {b.count}"
        rows.append(
            f'<{tag} class="bar {_e(b.classes)}"{href}{extra} title="{_e(title)}" '
            f'role="listitem" style="{style}"><span class="bl">{_e(b.label)}</span>'
            f'<span class="bt"><span class="bf"></span><span class="bn">{b.count}</span>'
            f'</span></{tag}>')
    width = f' style="--lw:{label_width}%"' if label_width != 36 else ""
    return (f'<div class="bars" role="list" aria-label="{_e(label)}"{width}>'
            f'{"".join(rows)}</div>')
