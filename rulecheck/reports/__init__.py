"""Report renderers: every output format takes the same FileResults and rules.

The CLI, the server and the audit runner all call `render`; each format lives in its
own module and shares the counts of `summarize`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rulecheck.model import FileResult
from rulecheck.reports.common import displayable, summarize
from rulecheck.rulebook.rule import Rule

FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "sarif", "html", "csv", "junit", "github")

__all__ = ["FORMATS", "render", "summarize"]


def render(fmt: str, results: Sequence[FileResult], rules: Mapping[str, Rule], *,
           color: bool = False, show_source: bool = True, statistics: bool = False,
           tool_version: str = "0.1.0", locale: str | None = None) -> str:
    """The report for `results` in format `fmt` (one of FORMATS), as a string.

    `rules` maps rule id to Rule for the rules that appear (formats that describe
    rules, like SARIF, fall back on what the findings say for any that are missing).
    `color`, `show_source` and `statistics` only affect the text format; `locale`
    (``zh``, ``en``, or None to decide from the environment and the text) the HTML one.
    """
    results = displayable(results, keep_paths=fmt == "sarif")
    if fmt == "text":
        from rulecheck.reports.text import render_text

        return render_text(results, rules, color=color, show_source=show_source,
                           statistics=statistics)
    if fmt == "json":
        from rulecheck.reports.jsonout import render_json

        return render_json(results, tool_version)
    if fmt == "jsonl":
        from rulecheck.reports.jsonout import render_jsonl

        return render_jsonl(results)
    if fmt == "sarif":
        from rulecheck.reports.sarif import render_sarif

        return render_sarif(results, rules, tool_version)
    if fmt == "html":
        from rulecheck.reports.htmlpage import render_html

        return render_html(results, rules, tool_version, locale)
    if fmt == "csv":
        from rulecheck.reports.table import render_csv

        return render_csv(results)
    if fmt == "junit":
        from rulecheck.reports.junit import render_junit

        return render_junit(results)
    if fmt == "github":
        from rulecheck.reports.github import render_github

        return render_github(results)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
