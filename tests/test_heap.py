"""The heap is frozen when imports brought new long-lived objects, and only then."""

from __future__ import annotations

import gc
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from rulecheck.heap import freeze_long_lived, thaw


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    yield
    thaw()
    sys.modules.pop("rulecheck_test_fresh_module", None)


def test_freezes_once_then_again_only_after_an_import() -> None:
    freeze_long_lived()
    assert freeze_long_lived() is False  # nothing imported since
    gc.unfreeze()
    sys.modules["rulecheck_test_fresh_module"] = types.ModuleType("rulecheck_test_fresh_module")
    kept = [object() for _ in range(10)], {"a": [1]}
    assert freeze_long_lived() is True
    assert gc.get_freeze_count() >= 2
    assert not any(o is kept for o in gc.get_objects())  # frozen objects leave the gc's view
    assert freeze_long_lived() is False


def test_a_checked_file_leaves_the_heap_frozen(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rulecheck.cli import app

    gc.unfreeze()
    sys.modules["rulecheck_test_fresh_module"] = types.ModuleType("rulecheck_test_fresh_module")
    script = tmp_path / "s.txt"
    script.write_text("这是全网最好用的面霜", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(script), "-q"])
    assert result.exit_code == 1, result.output
    assert gc.get_freeze_count() > 0
