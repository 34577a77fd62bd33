"""Quality benchmark: how well the rulebook separates violations from ordinary talk.

Runs the checker over the labelled corpus in ``corpora/labelled`` and reports, per
language, per-category precision/recall/F1, detection recall, false-alarm rates on
hard negatives and on clean talk, and category accuracy. Only findings at severity
``warning`` or ``error`` count: ``info`` is a hint for a human, never a flag.

Usage::

    python benchmarks/quality.py [--lang zh|en] [--json] [--show-errors] [--families]
    python benchmarks/quality.py --holdout [--lang zh|en] [--json]
    python benchmarks/quality.py --corpus real [--holdout] [--by-context] [--lang zh|en]

``--holdout`` scores ``corpora/labelled/holdout``, lines written from the legal taxonomy
independently of the rules and never used to tune them; it prints aggregate figures
only, so that the set stays unseen.

``--corpus real`` scores ``corpora/real/{zh,en}.jsonl``: real sellers' words quoted in
regulators' decisions, court reports and news, with real lawful text of the same
register. Its lines carry ``labels`` (scored like ``categories``), ``also_ok`` (a second
category that also counts as right) and a ``part``: the ``dev`` part by default, the
``holdout`` part with ``--holdout`` (aggregates only, as above). ``--by-context`` breaks
hard-negative false alarms down by the lines' ``context`` tag (mention, reported, ...).

Importable: ``evaluate(lang)`` returns the metrics as a plain dict.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

REPO = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO / "corpora" / "labelled"
REAL_DIR = REPO / "corpora" / "real"
REAL_PARTS: tuple[str, ...] = ("dev", "holdout")
REAL_FIELDS: tuple[str, ...] = ("id", "text", "kind", "labels", "source", "part")
LANGS: tuple[str, ...] = ("zh", "en")
KINDS: tuple[str, ...] = ("violation", "hard_negative", "clean")
COUNTED_SEVERITIES: frozenset[str] = frozenset({"warning", "error"})


class _Finding(Protocol):
    rule: str
    category: str
    severity: str
    text: str


class _Checker(Protocol):
    def check_text(self, text: str, lang: str = ..., product_type: str | None = ...,
                   path: str = ...) -> Sequence[_Finding]: ...


def categories() -> tuple[str, ...]:
    """The seven fixed category ids, from the engine when it is importable."""
    try:
        from rulecheck.model import CATEGORIES
    except ImportError:  # the corpus tests still run without the engine
        return ("ecommerce", "consumer_rights", "unfair_competition", "product_quality",
                "food_safety", "advertising", "pricing")
    return tuple(CATEGORIES)


def load_corpus(lang: str, corpus_dir: Path = CORPUS_DIR) -> list[dict[str, Any]]:
    """Read ``<corpus_dir>/<lang>.jsonl``: one labelled line per JSON object."""
    path = corpus_dir / f"{lang}.jsonl"
    records = []
    with path.open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                records.append(json.loads(raw))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: {exc.msg}") from exc
    return records


def load_real(lang: str, part: str, corpus_dir: Path = REAL_DIR) -> list[dict[str, Any]]:
    """The ``part`` lines of ``<corpus_dir>/<lang>.jsonl``, in the labelled corpus's shape.

    ``labels`` become ``categories``; ``also_ok`` and ``context`` are kept. A line that
    lacks a required field raises ValueError naming file and id.
    """
    path = corpus_dir / f"{lang}.jsonl"
    records = []
    for rec in load_corpus(lang, corpus_dir):
        missing = [f for f in REAL_FIELDS if f not in rec]
        if missing:
            raise ValueError(f"{path}: {rec.get('id', '?')}: missing {', '.join(missing)}")
        if rec["kind"] not in KINDS or rec["part"] not in REAL_PARTS:
            raise ValueError(f"{path}: {rec['id']}: bad kind or part")
        if rec["part"] != part:
            continue
        records.append({"id": rec["id"], "text": rec["text"], "kind": rec["kind"],
                        "categories": list(rec["labels"]),
                        "also_ok": list(rec.get("also_ok") or []),
                        "context": rec.get("context")})
    return records


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def _counted(findings: Iterable[_Finding]) -> list[_Finding]:
    return [f for f in findings if f.severity in COUNTED_SEVERITIES]


def evaluate(lang: str, corpus: Sequence[dict[str, Any]] | None = None,
             checker: _Checker | None = None) -> dict[str, Any]:
    """Score ``checker`` (default: the shipped rulebook) on ``corpus`` (default: the file).

    Per category, a line counts once: a true positive when one of its counted findings
    has a labelled category, a false positive when a finding's category is not
    labelled (nor in the line's ``also_ok``), a false negative when a labelled category
    has no finding. Per category too: of the violation lines labelled with it, how many
    got any finding (detected) and how many a finding of a right category.
    """
    if corpus is None:
        corpus = load_corpus(lang)
    if checker is None:
        import rulecheck

        checker = rulecheck.Checker()
    cats = categories()
    counts = {c: {"tp": 0, "fp": 0, "fn": 0, "support": 0} for c in cats}
    cat_lines = {c: {"lines": 0, "detected": 0, "right": 0} for c in cats}
    contexts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    right_lines = 0
    by_kind = {k: {"lines": 0, "flagged": 0} for k in KINDS}
    family_hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    on_violation_findings = 0
    on_violation_right = 0
    misses: list[dict[str, Any]] = []
    false_alarms: list[dict[str, Any]] = []
    wrong_category: list[dict[str, Any]] = []

    started = time.perf_counter()
    for rec in corpus:
        kind = rec["kind"]
        gold = set(rec.get("categories") or [])
        accepted = gold | set(rec.get("also_ok") or [])
        found = _counted(checker.check_text(rec["text"], lang=lang))
        predicted = {f.category for f in found}
        by_kind[kind]["lines"] += 1
        by_kind[kind]["flagged"] += bool(found)
        for c in cats:
            counts[c]["support"] += c in gold
            counts[c]["tp"] += c in gold and c in predicted
            counts[c]["fp"] += c in predicted and c not in accepted
            counts[c]["fn"] += c in gold and c not in predicted
        if kind == "violation":
            right_lines += bool(predicted & accepted)
            for c in gold & set(cats):
                cat_lines[c]["lines"] += 1
                cat_lines[c]["detected"] += bool(found)
                cat_lines[c]["right"] += bool(predicted & accepted)
        elif kind == "hard_negative":
            ctx = contexts[rec.get("context") or "(untagged)"]
            ctx[0] += 1
            ctx[1] += bool(found)
        hits = [{"rule": f.rule, "category": f.category, "severity": f.severity,
                 "text": f.text} for f in found]
        item = {"id": rec["id"], "text": rec["text"], "kind": kind,
                "categories": sorted(gold), "findings": hits}
        if kind == "violation":
            family = f"{rec['categories'][0]}.{rec.get('family') or '-'}"
            family_hits[family][0] += 1
            family_hits[family][1] += bool(found)
            on_violation_findings += len(found)
            on_violation_right += sum(f.category in accepted for f in found)
            if not found:
                misses.append(item)
            elif not predicted & accepted:
                wrong_category.append(item)
        elif found:
            false_alarms.append(item)
    elapsed = time.perf_counter() - started

    per_category: dict[str, dict[str, Any]] = {}
    tp = fp = fn = 0
    for c, n in counts.items():
        p = _ratio(n["tp"], n["tp"] + n["fp"])
        r = _ratio(n["tp"], n["tp"] + n["fn"])
        per_category[c] = {**n, "precision": p, "recall": r, "f1": _f1(p, r)}
        tp, fp, fn = tp + n["tp"], fp + n["fp"], fn + n["fn"]
    micro_p, micro_r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)

    return {
        "lang": lang,
        "lines": len(corpus),
        "by_kind": {k: v["lines"] for k, v in by_kind.items()},
        "per_category": per_category,
        "micro": {"precision": micro_p, "recall": micro_r, "f1": _f1(micro_p, micro_r)},
        "detection_recall": _ratio(by_kind["violation"]["flagged"],
                                   by_kind["violation"]["lines"]),
        "false_alarm_rate": {
            "hard_negative": _ratio(by_kind["hard_negative"]["flagged"],
                                    by_kind["hard_negative"]["lines"]),
            "clean": _ratio(by_kind["clean"]["flagged"], by_kind["clean"]["lines"]),
        },
        "category_accuracy": _ratio(on_violation_right, on_violation_findings),
        "right_category_recall": _ratio(right_lines, by_kind["violation"]["lines"]),
        "per_category_lines": {
            c: {**m, "detection_recall": _ratio(m["detected"], m["lines"]),
                "right_category_recall": _ratio(m["right"], m["lines"])}
            for c, m in cat_lines.items()
        },
        "hard_negative_by_context": {
            ctx: {"lines": n, "flagged": f, "false_alarm_rate": _ratio(f, n)}
            for ctx, (n, f) in sorted(contexts.items())
        },
        "per_family": {
            fam: {"lines": n, "detected": d, "recall": _ratio(d, n)}
            for fam, (n, d) in sorted(family_hits.items())
        },
        "errors": {"misses": misses, "false_alarms": false_alarms,
                   "wrong_category": wrong_category},
        "seconds": round(elapsed, 3),
    }


# --- text report -------------------------------------------------------------------

def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}"


def format_report(result: dict[str, Any], show_errors: bool = False,
                  families: bool = False, by_context: bool = False,
                  title: str = "") -> str:
    """A readable table for one language."""
    k = result["by_kind"]
    out = [
        f"== {title}{result['lang']}: {result['lines']} lines "
        f"({k['violation']} violation, {k['hard_negative']} hard negative, "
        f"{k['clean']} clean) in {result['seconds']:.1f}s ==",
        "",
        f"{'category':<20}{'support':>8}{'tp':>6}{'fp':>6}{'fn':>6}"
        f"{'prec %':>9}{'recall %':>10}{'F1 %':>8}",
    ]
    for cat, m in result["per_category"].items():
        out.append(f"{cat:<20}{m['support']:>8}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}"
                   f"{_pct(m['precision']):>9}{_pct(m['recall']):>10}{_pct(m['f1']):>8}")
    mi = result["micro"]
    out.append(f"{'(micro)':<20}{'':>26}{_pct(mi['precision']):>9}"
               f"{_pct(mi['recall']):>10}{_pct(mi['f1']):>8}")
    fa = result["false_alarm_rate"]
    out += [
        "",
        f"detection recall (violations flagged)   {_pct(result['detection_recall'])} %",
        f"false alarms on hard negatives          {_pct(fa['hard_negative'])} %",
        f"false alarms on clean talk              {_pct(fa['clean'])} %",
        f"category accuracy (findings on violations) {_pct(result['category_accuracy'])} %",
        f"violations flagged with a right category {_pct(result['right_category_recall'])} %",
        "",
        f"{'violation lines by label':<28}{'lines':>6}{'found':>6}{'right':>6}"
        f"{'detect %':>10}{'right %':>9}",
    ]
    for cat, m in result["per_category_lines"].items():
        out.append(f"{cat:<28}{m['lines']:>6}{m['detected']:>6}{m['right']:>6}"
                   f"{_pct(m['detection_recall']):>10}{_pct(m['right_category_recall']):>9}")
    if by_context:
        out += ["", f"{'hard negatives by context':<28}{'lines':>6}{'flagged':>9}{'alarm %':>9}"]
        for ctx, m in result["hard_negative_by_context"].items():
            out.append(f"{ctx:<28}{m['lines']:>6}{m['flagged']:>9}"
                       f"{_pct(m['false_alarm_rate']):>9}")
    if families:
        out += ["", f"{'family (primary category)':<48}{'lines':>6}{'found':>6}{'recall %':>10}"]
        for fam, m in result["per_family"].items():
            out.append(f"{fam:<48}{m['lines']:>6}{m['detected']:>6}{_pct(m['recall']):>10}")
    if show_errors:
        errs = result["errors"]
        out += ["", f"-- misses ({len(errs['misses'])}) --"]
        out += [f"{e['id']} [{','.join(e['categories'])}] {e['text']}" for e in errs["misses"]]
        out += ["", f"-- false alarms ({len(errs['false_alarms'])}) --"]
        out += [f"{e['id']} ({e['kind']}) {e['text']}\n    -> {_hits(e)}"
                for e in errs["false_alarms"]]
        out += ["", f"-- flagged under the wrong category ({len(errs['wrong_category'])}) --"]
        out += [f"{e['id']} [{','.join(e['categories'])}] {e['text']}\n    -> {_hits(e)}"
                for e in errs["wrong_category"]]
    return "\n".join(out)


def _hits(item: dict[str, Any]) -> str:
    return "; ".join(f"{h['rule']} {h['category']}/{h['severity']} «{h['text']}»"
                     for h in item["findings"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=LANGS, help="one language (default: both)")
    parser.add_argument("--json", action="store_true", help="print a machine-readable dict")
    parser.add_argument("--show-errors", action="store_true",
                        help="list misses, false alarms and wrong categories with rule ids")
    parser.add_argument("--families", action="store_true",
                        help="detection recall per family of the primary category")
    parser.add_argument("--holdout", action="store_true",
                        help="score the held-out set instead (aggregate figures only)")
    parser.add_argument("--corpus", choices=("labelled", "real"), default="labelled",
                        help="labelled: written lines (default); real: quoted real language")
    parser.add_argument("--by-context", action="store_true",
                        help="hard-negative false alarms per context tag")
    args = parser.parse_args(argv)
    if args.holdout and (args.show_errors or args.families):
        # listing the held-out lines a rulebook misses would turn them into tuning data
        parser.error("--holdout prints aggregate figures only")
    langs = [args.lang] if args.lang else list(LANGS)
    try:
        corpora = _load(args.corpus, args.holdout, langs)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        parser.exit(2, f"error: {exc}\n")
    if not corpora:
        parser.exit(2, f"error: no {args.corpus} corpus file for {', '.join(langs)}\n")
    try:
        import rulecheck

        checker = rulecheck.Checker()
    except Exception as exc:  # a broken rulebook: say which file, not a traceback
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        parser.exit(2, f"error: the rulebook does not load: {first}\n")
    results = {lang: evaluate(lang, corpus, checker) for lang, corpus in corpora.items()}
    if args.holdout:
        for r in results.values():
            r.pop("errors")
            r.pop("per_family")
    if args.json:
        if not args.show_errors:
            for r in results.values():
                r.pop("errors", None)
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        title = ""
        if args.corpus == "real":
            title = f"real corpus, {'holdout' if args.holdout else 'dev'} part, "
        print("\n\n".join(format_report(r, args.show_errors, args.families,
                                        args.by_context, title)
                          for r in results.values()))
    return 0


def _load(corpus: str, holdout: bool, langs: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The lines to score per language; a real-corpus language with no file is skipped."""
    if corpus == "labelled":
        corpus_dir = CORPUS_DIR / "holdout" if holdout else CORPUS_DIR
        return {lang: load_corpus(lang, corpus_dir) for lang in langs}
    part = "holdout" if holdout else "dev"
    return {lang: load_real(lang, part, REAL_DIR) for lang in langs
            if (REAL_DIR / f"{lang}.jsonl").exists()}


if __name__ == "__main__":
    sys.exit(main())
