"""Every fixed string of the HTML report pages, one table per locale.

The check report (htmlpage.py), its script (assets.py reads ``JS_KEYS`` from here)
and the audit report (audit/html.py) take their words only from these tables, so a
Chinese page carries no English label. Both tables have the same keys
(tests/test_report_locale.py checks it). Values are ``str.format`` templates; a key
ending in ``_one`` is the singular that ``Messages.count`` picks for 1.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from rulecheck import categories
from rulecheck.reports.locale import LOCALES

ZH: dict[str, str] = {
    "html_lang": "zh-CN",
    # check report
    "check_title": "rulecheck 检查报告 · {n} 处问题",
    "check_tagline": "直播带货话术合规检查",
    "stat_findings": "处问题",
    "stat_flagged": "个文件有问题（共 {files} 个）",
    "stat_rules": "条规则命中",
    "stat_unreadable": "个输入无法读取",
    "chart_title": "各类别问题数",
    "filters": "筛选",
    "filter_category": "类别",
    "filter_severity": "严重程度",
    "count": "{n} 处问题",
    "count_one": "{n} 处问题",
    "count_shown": "显示 {shown} / {total} 处问题",
    "none_shown": "没有符合筛选条件的问题。",
    "no_source": "本报告不含原文。",
    "clean": "没有问题 — 显示原文",
    "unreadable": "{n} 个输入无法读取",
    "unreadable_one": "{n} 个输入无法读取",
    "footer": "偏移、行号和列号均指原始输入 · 每处问题都引用其违反的条文；最终由人判断。",
    "not_located": "未能在原文中定位",
    "location": "行{line}，列{column}",
    "law": "法律依据",
    "also": "另见",
    "say_instead": "可改为",
    "safe_fix": "可安全自动修正",
    "timed": "带时间轴",
    "rules_title": "本报告涉及的规则",
    "rule_findings": "{n} 处",
    "evasion": "规避写法：{kind}",
    "evasion.variant spelling": "变体字",
    "evasion.pinyin": "拼音",
    "evasion.inserted separator": "插入分隔符",
    "evasion.letters spelled with digits or symbols": "以数字或符号代替字母",
    "severity.error": "错误",
    "severity.warning": "警告",
    "severity.info": "提示",
    # audit report
    "audit_title": "rulecheck 审计 · {n} 处问题",
    "audit_tagline": "直播带货合规审计",
    "card_documents": "份文档",
    "card_findings": "处问题",
    "card_failed": "份文档处理失败",
    "card_size": "{chars} 个字符，{hours} 小时",
    "card_patterns": "个跨场次模式",
    "by": "按{dim}",
    "dim.category": "类别",
    "dim.rule": "规则",
    "dim.severity": "严重程度",
    "dim.anchor": "主播",
    "dim.room": "直播间",
    "dim.date": "日期",
    "all": "全部 {n} 项",
    "top_shown": "问题最多的 {shown} 项（共 {total} 项，全部见下表）",
    "none": "无",
    "col_findings": "问题数",
    "col_score": "风险分",
    "col_per_hour": "每小时",
    "col_documents": "文档数",
    "risk_title": "主播风险分",
    "risk_formula": "10000 ×（3 × 错误数 + 1 × 警告数）÷ 字符数",
    "risk_note": "{formula}；有时间轴的转写另按每小时计。",
    "patterns_title": "跨场次模式",
    "failed_title": "处理失败的文档",
    "drill_title": "各统计项的问题",
    "drill_head": "{dim}：{key}",
    "drill_count": "（{n} 处问题）",
    "more": "…… 另有 {more} 处（仅列出前 {limit} 处）",
}

EN: dict[str, str] = {
    "html_lang": "en",
    "check_title": "rulecheck report · {n} findings",
    "check_tagline": "live-commerce script compliance check",
    "stat_findings": "findings",
    "stat_flagged": "of {files} files flagged",
    "stat_rules": "rules hit",
    "stat_unreadable": "unreadable inputs",
    "chart_title": "Findings per category",
    "filters": "Filters",
    "filter_category": "Category",
    "filter_severity": "Severity",
    "count": "{n} findings",
    "count_one": "{n} finding",
    "count_shown": "{shown} of {total} findings shown",
    "none_shown": "No finding matches the filters.",
    "no_source": "The source text is not part of this report.",
    "clean": "No findings — show the text",
    "unreadable": "{n} inputs could not be read",
    "unreadable_one": "{n} input could not be read",
    "footer": "offsets, lines and columns refer to the original input · every finding cites "
              "the article it breaks; a human decides.",
    "not_located": "not located in the text",
    "location": "L{line}:{column}",
    "law": "Law",
    "also": "Also",
    "say_instead": "Say instead",
    "safe_fix": "safe automatic fix",
    "timed": "timed",
    "rules_title": "Rules in this report",
    "rule_findings": "{n}×",
    "evasion": "evasion: {kind}",
    "evasion.variant spelling": "variant spelling",
    "evasion.pinyin": "pinyin",
    "evasion.inserted separator": "inserted separator",
    "evasion.letters spelled with digits or symbols": "letters spelled with digits or symbols",
    "severity.error": "error",
    "severity.warning": "warning",
    "severity.info": "info",
    "audit_title": "rulecheck audit · {n} findings",
    "audit_tagline": "live-commerce compliance audit",
    "card_documents": "documents",
    "card_findings": "findings",
    "card_failed": "failed documents",
    "card_size": "{chars} characters, {hours} h",
    "card_patterns": "cross-transcript patterns",
    "by": "By {dim}",
    "dim.category": "category",
    "dim.rule": "rule",
    "dim.severity": "severity",
    "dim.anchor": "anchor",
    "dim.room": "room",
    "dim.date": "date",
    "all": "all {n}",
    "top_shown": "the {shown} with most findings of {total}; all in the table below",
    "none": "none",
    "col_findings": "findings",
    "col_score": "score",
    "col_per_hour": "per hour",
    "col_documents": "documents",
    "risk_title": "Risk score by anchor",
    "risk_formula": "10000 × (3 × errors + 1 × warnings) ÷ characters",
    "risk_note": "{formula}; per hour as well where transcripts are timed.",
    "patterns_title": "Patterns across transcripts",
    "failed_title": "Failed documents",
    "drill_title": "Findings by statistic",
    "drill_head": "{dim}: {key}",
    "drill_count": "({n} findings)",
    "more": "… and {more} more (first {limit} shown)",
}

TABLES: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
#: The strings the check report's script needs (counts shown after filtering).
JS_KEYS: tuple[str, ...] = ("count", "count_one", "count_shown")


@dataclass(frozen=True)
class Messages:
    """The strings of one locale, with the category and severity labels."""

    locale: str

    def __call__(self, name: str, /, **values: object) -> str:
        text = TABLES[self.locale][name]
        return text.format(**values) if values else text

    def count(self, name: str, n: int, /, **values: object) -> str:
        """``name`` for ``n`` things: the ``_one`` form when there is one."""
        table = TABLES[self.locale]
        chosen = f"{name}_one" if n == 1 and f"{name}_one" in table else name
        return table[chosen].format(n=n, **values)

    def severity(self, severity: str) -> str:
        return TABLES[self.locale].get(f"severity.{severity}", severity)

    def category(self, category: str) -> str:
        return categories.label(category, self.locale)

    def note(self, note: str) -> str:
        """An engine note in this locale (``evasion: pinyin``); unknown notes as they are."""
        kind = note.removeprefix("evasion: ")
        if kind == note:
            return note
        table = TABLES[self.locale]
        return self("evasion", kind=table.get(f"evasion.{kind}", kind))

    def js(self) -> str:
        """The script's strings as a JSON object (safe inside <script>)."""
        data = {k: TABLES[self.locale][k] for k in JS_KEYS}
        return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def messages(locale: str) -> Messages:
    if locale not in LOCALES:
        raise ValueError(f"locale must be one of {', '.join(LOCALES)}, not {locale!r}")
    return Messages(locale)
