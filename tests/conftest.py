"""Shared fixtures: checkers over small rule packs written inside each test."""

from __future__ import annotations

import hashlib
import json
import os
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


@pytest.fixture(scope="session")
def pack_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where `shared_pack` keeps rule packs: one folder for the whole run, every worker's."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, which holds each worker's own
    return base / "shared-packs"


def shared_pack(store: Path, files: dict[str, str], link: Path) -> Path:
    """`link`, a symlink to a pack holding `files`, written once per run under `store`.

    The compiled-rulebook cache is keyed by the rule files' paths as well as their bytes,
    and the CLI resolves symlinks: tests that load the same pack next to the bundled rules
    through their own link share one compiled rulebook instead of each compiling one.
    Nothing may write into the pack through the link."""
    digest = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    target = store / digest
    if not target.is_dir():
        store.mkdir(parents=True, exist_ok=True)
        fresh = store / f".{digest}-{os.getpid()}"
        fresh.mkdir()
        for name, text in files.items():
            (fresh / name).write_text(text, encoding="utf-8")
        try:
            fresh.rename(target)
        except OSError:  # another worker put the same pack in place first
            shutil.rmtree(fresh)
    link.symlink_to(target, target_is_directory=True)
    return link


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
