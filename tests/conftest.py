"""Shared fixtures: checkers over small rule packs written inside each test."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from rulecheck import cachefiles
from rulecheck.engine.checker import Checker
from rulecheck.engine.judge import ContextJudge
from rulecheck.rulebook.compiler import load_rulebook

REPO = Path(__file__).resolve().parent.parent
LEXICONS = REPO / "rules" / "lexicons"

#: Fills every cache a check reads: the rulebook, the parser, the normalizer tables and
#: the jieba dictionary (Chinese text), with English text for the English rules too.
WARM_UP = """
from rulecheck.engine.checker import Checker
checker = Checker()
checker.check_text("这是全网最好用的面霜，最近天气干燥", lang="zh")
checker.check_text("The best cream in the world cures acne.", lang="en")
"""


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist, compile the bundled rulebook once before the workers start.

    Every worker (and every `rulecheck` process a test starts) then loads it from the
    cache directory instead of each compiling the same rulebook at the same time.
    Tests about a cold cache point RULECHECK_CACHE_DIR at a directory of their own.
    """
    workers = getattr(config.option, "numprocesses", None)
    if (not workers or hasattr(config, "workerinput") or config.option.collectonly
            or cachefiles.configured_dir() is None):
        return
    subprocess.run([sys.executable, "-c", WARM_UP], cwd=REPO, check=False, timeout=900,
                   capture_output=True)


def make_rule(rule_id: str, match: str, *, lang: str = "zh", extra: str = "",
              category: str = "advertising") -> str:
    """One rule in pack form; examples are placeholders because tests assert directly."""
    return textwrap.dedent(f"""\
    - id: {rule_id}
      category: {category}
      family: test
      severity: error
      lang: {lang}
      title: t
      law: l
      message: "m {{match}}"
      match: {json.dumps(match, ensure_ascii=False)}
    """) + textwrap.indent(textwrap.dedent(extra), "  ") + (
        '  examples:\n    bad: ["x"]\n    good: ["y"]\n')


@pytest.fixture
def rule_checker(tmp_path: Path):
    """Build a Checker from rule snippets, with the shared negation and meta_talk lexicons."""

    def build(*rules: str, lexicons: dict[str, list[str]] | None = None) -> Checker:
        d = tmp_path / f"pack{len(list(tmp_path.iterdir()))}"
        (d / "lexicons").mkdir(parents=True)
        (d / "test.yaml").write_text("".join(rules), encoding="utf-8")
        for src in ("negators.yaml", "negation_exceptions.yaml", "meta_talk.yaml"):
            (d / "lexicons" / src).write_text((LEXICONS / src).read_text(encoding="utf-8"),
                                              encoding="utf-8")
        for name, terms in (lexicons or {}).items():
            body = "description: test\nterms: [" + ", ".join(terms) + "]\n"
            (d / "lexicons" / f"{name}.yaml").write_text(body, encoding="utf-8")
        book = load_rulebook([d], bundled=False, use_cache=False)
        return Checker(rulebook=book)

    return build


@pytest.fixture(scope="session")
def bundled_checker() -> Checker:
    """One checker over the bundled rulebook for the whole run (it is read-only)."""
    return Checker()


@pytest.fixture(scope="session")
def warm_cache() -> Path | None:
    """The run's cache directory, filled (None when caching is off): copy it for a test
    that needs a cache of its own but not a cold one, which means compiling the rulebook."""
    folder = cachefiles.cache_dir()
    if folder is not None:
        checker = Checker()
        checker.check_text("这是全网最好用的面霜，最近天气干燥", lang="zh")
        checker.check_text("The best cream in the world cures acne.", lang="en")
    return folder


def copy_cache(warm: Path | None, target: Path) -> Path:
    """A private copy of a filled cache directory (owner-only, as the cache requires);
    an empty directory when there is nothing to copy."""
    if warm is None:
        target.mkdir(mode=0o700, parents=True)
    else:
        shutil.copytree(warm, target, ignore=shutil.ignore_patterns("tmp*", ".*"))
        target.chmod(0o700)
    return target


@pytest.fixture(scope="module")
def judged() -> Iterator[tuple[Checker, list[str]]]:
    """One checker for the module, and the kinds the judge dismissed hits as during a check."""
    kinds: list[str] = []
    original = ContextJudge.why_not

    def spy(self, hit, lang, off=frozenset(), own=None):  # type: ignore[no-untyped-def]
        kind = original(self, hit, lang, off, own)
        if kind is not None:
            kinds.append(kind)
        return kind

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ContextJudge, "why_not", spy)
        yield Checker(), kinds
